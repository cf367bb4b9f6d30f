using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Dumps;

/// <summary>The sub-leaf numbers given to the entries of one leaf, and the rule that gave them.</summary>
public sealed record SubleafAssignment(ImmutableArray<uint> Subleaves, string Rule);

/// <summary>
/// Numbers the entries of a leaf that an old AIDA64 dump lists several times without <c>[SL nn]</c> notes. The entries
/// are in sub-leaf order but AIDA64 skips some sub-leaves (it leaves out leaf 0xD sub-leaf 1, for one), so the numbers
/// come from what the architecture says each leaf's sub-leaves are. Only non-zero entries matter in the end (an
/// all-zero slot counts as absent everywhere), and the rules are checked against every dump that does carry
/// <c>[SL]</c> notes: stripping them and inferring gives the same non-zero slots.
/// </summary>
public static class SubleafInference
{
    private const string Consecutive = "consecutive sub-leaves";

    /// <summary>Gives each entry (in the order the dump lists them) its sub-leaf number.</summary>
    public static SubleafAssignment Assign(uint leaf, IReadOnlyList<Registers> entries)
    {
        if (entries.Count == 0)
        {
            return new SubleafAssignment([], Consecutive);
        }

        // Leaf 0xD: two identical non-zero entries side by side are one sub-leaf printed twice (seen on an AMD A10-7350B
        // dump, [SL 3E] twice), because distinct state components never share size and offset. Elsewhere identical
        // neighbours are real (AMD Fn8000_0020 sub-leaves 1 and 2 often are), so they stay separate.
        var groupOf = new int[entries.Count];
        var distinct = new List<Registers>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (leaf == 0xD && i > 0 && !entries[i].IsZero && entries[i] == entries[i - 1])
            {
                groupOf[i] = groupOf[i - 1];
                continue;
            }

            groupOf[i] = distinct.Count;
            distinct.Add(entries[i]);
        }

        var (numbers, rule) = leaf switch
        {
            0xB or 0x1F or 0x8000_0026 => (SelfNumbered(distinct), SelfNumberedRule(leaf)),
            0xD => Xsave(distinct),
            _ => Enumerated(leaf, distinct),
        };
        return new SubleafAssignment([.. groupOf.Select(g => numbers[g])], rule);
    }

    /// <summary>
    /// Intel SDM Vol. 2A, CPUID leaves 0BH and 1FH (Extended Topology Enumeration), and AMD APM Vol. 3, CPUID
    /// Fn8000_0026 (Extended CPU Topology): sub-leaf n describes topology level n, and ECX[7:0] echoes the input ECX, so
    /// every entry names its own sub-leaf. An entry that does not (an all-zero one) takes the next number.
    /// </summary>
    private static uint[] SelfNumbered(List<Registers> entries)
    {
        var numbers = new uint[entries.Count];
        long previous = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            long n = entries[i].Ecx & 0xFF;
            if (n <= previous)
            {
                n = previous + 1;
            }

            numbers[i] = (uint)n;
            previous = n;
        }

        return numbers;
    }

    private static string SelfNumberedRule(uint leaf) => leaf == 0x8000_0026
        ? "AMD APM Fn8000_0026: ECX[7:0] echoes the sub-leaf"
        : "Intel SDM leaf 0BH/1FH: ECX[7:0] echoes the sub-leaf";

    /// <summary>
    /// Leaves whose valid sub-leaves are announced by a bitmap in sub-leaf 0; the entries take the first announced
    /// numbers. When a dump lists more entries than announced (AIDA64 prints leaf 0x10 as 0-1 and leaf 0x23 as 0-11
    /// whatever the bitmap says), it printed a fixed range, so the entries are numbered consecutively. Every other leaf
    /// enumerates consecutive sub-leaves from 0:
    /// leaf 4 (SDM leaf 04H, one per cache until the cache type is 0), 7 (SDM leaf 07H, 0..EAX of sub-leaf 0),
    /// 0x12 (SDM leaf 12H: 0, 1, then EPC sections until EAX[3:0] = 0), 0x14 (SDM leaf 14H, 0..EAX), 0x17 (SDM leaf
    /// 17H, 0..MaxSOCID_Index), 0x18 (SDM leaf 18H, 0..EAX), 0x1D (SDM leaf 1DH, 0..max palette), 0x24 (SDM leaf 24H),
    /// 0x8000001D (AMD APM Fn8000_001D, one per cache until CacheType is 0).
    /// </summary>
    private static (uint[] Numbers, string Rule) Enumerated(uint leaf, List<Registers> entries)
    {
        var first = entries[0];
        (uint Mask, string Rule)? bitmap = leaf switch
        {
            // SDM leaf 0FH (Intel RDT monitoring): sub-leaf 0 EDX bit n announces resource n, described by sub-leaf n.
            0xF => (first.Edx, "Intel SDM leaf 0FH: sub-leaf 0 EDX announces the sub-leaves"),
            // SDM leaf 10H (Intel RDT allocation): sub-leaf 0 EBX bit n announces resource n (1 L3 CAT, 2 L2 CAT, 3 MBA).
            0x10 => (first.Ebx, "Intel SDM leaf 10H: sub-leaf 0 EBX announces the sub-leaves"),
            // SDM leaf 23H (architectural performance monitoring extended): sub-leaf 0 EAX bit n announces sub-leaf n.
            0x23 => (first.Eax, "Intel SDM leaf 23H: sub-leaf 0 EAX announces the sub-leaves"),
            // AMD APM Fn8000_0020 (platform QoS): EBX bits 1 (L3MBE), 2 (L3SMBE), 3 (BMEC) and 5 (ABMC) each have a
            // sub-leaf of that number; bits 4 (L3RR) and 6 (SDCIAE) have none. Zen 5 dumps list 0, 1, 2, 3, 5.
            0x8000_0020 => (first.Ebx & 0b10_1110u, "AMD APM Fn8000_0020: sub-leaf 0 EBX bits 1, 2, 3 and 5 announce the sub-leaves"),
            _ => null,
        };
        if (bitmap is { } b)
        {
            var announced = new List<uint> { 0 };
            for (var bit = 1; bit < 32; bit++)
            {
                if ((b.Mask & (1u << bit)) != 0)
                {
                    announced.Add((uint)bit);
                }
            }

            if (entries.Count <= announced.Count)
            {
                return ([.. announced.Take(entries.Count)], b.Rule);
            }
        }

        return ([.. Enumerable.Range(0, entries.Count).Select(i => (uint)i)], leaf switch
        {
            4 => "Intel SDM leaf 04H: one sub-leaf per cache, consecutive",
            0x8000_001D => "AMD APM Fn8000_001D: one sub-leaf per cache, consecutive",
            7 => "Intel SDM leaf 07H: sub-leaves 0 to sub-leaf 0 EAX, consecutive",
            0x12 => "Intel SDM leaf 12H: 0, 1, then EPC sections, consecutive",
            0x14 or 0x17 or 0x18 or 0x1D or 0x24 => "Intel SDM: sub-leaves 0 to sub-leaf 0 EAX, consecutive",
            _ => Consecutive,
        });
    }

    /// <summary>
    /// Intel SDM Vol. 2A, CPUID leaf 0DH, and Vol. 1 §13.2 (AMD APM Vol. 3, Fn0000_000D, the same): sub-leaf 0 (XCR0
    /// mask in EDX:EAX), sub-leaf 1 (XSAVE extensions in EAX, IA32_XSS mask in EDX:ECX), and a sub-leaf n ≥ 2 for every
    /// state component n set in either mask. Old AIDA64 versions skip sub-leaf 1 and some components, so after
    /// sub-leaf 0 the entries are matched in order to the candidates {1} ∪ components, choosing the order-preserving
    /// assignment that best fits each entry's content: sub-leaf 1 has only flag bits 0-4 in EAX; a component's EAX is
    /// its size (<see cref="XsaveComponents"/>); a user component has an offset (EBX) past the 576-byte legacy area and
    /// header, a supervisor one (in IA32_XSS) has ECX bit 0 set and offset 0. Ties go to the earlier candidates.
    /// </summary>
    private static (uint[] Numbers, string Rule) Xsave(List<Registers> entries)
    {
        const string rule = "Intel SDM leaf 0DH: 0, 1, then the state components of the XCR0 and IA32_XSS masks, matched by size and offset";
        var user = MaskBits(entries[0].Eax, entries[0].Edx);
        var supervisor = entries.Count > 1 && LooksLikeSubleaf1(entries[1]) ? MaskBits(entries[1].Ecx, entries[1].Edx) : [];
        var candidates = new SortedSet<int>(user.Concat(supervisor)) { 1 }.ToList();
        var rest = entries.Count - 1;
        if (rest > candidates.Count)
        {
            return ([.. Enumerable.Range(0, entries.Count).Select(i => (uint)i)], Consecutive);
        }

        // best[i, j]: the highest score for entries i.. over candidates j..; filled from the end.
        var m = candidates.Count;
        var best = new int[rest + 1, m + 1];
        for (var i = rest - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                var take = m - j < rest - i ? int.MinValue / 2 : Score(entries[i + 1], candidates[j], supervisor) + best[i + 1, j + 1];
                var skip = m - j - 1 < rest - i ? int.MinValue / 2 : best[i, j + 1];
                best[i, j] = Math.Max(take, skip);
            }
        }

        var numbers = new uint[entries.Count];
        for (int i = 0, j = 0; i < rest; j++)
        {
            var take = Score(entries[i + 1], candidates[j], supervisor) + best[i + 1, j + 1];
            if (m - j >= rest - i && take >= best[i, j])
            {
                numbers[i + 1] = (uint)candidates[j];
                i++;
            }
        }

        return (numbers, rule);
    }

    private static bool LooksLikeSubleaf1(Registers r) => (r.Eax & ~0x1Fu) == 0;

    private static int Score(Registers entry, int candidate, List<int> supervisor)
    {
        if (entry.IsZero)
        {
            return 0;
        }

        if (candidate == 1)
        {
            return LooksLikeSubleaf1(entry) ? 2 : 0;
        }

        var score = XsaveComponents.SizeOf(candidate) == entry.Eax ? 2 : 0;
        var fitsKind = supervisor.Contains(candidate)
            ? (entry.Ecx & 1) != 0 && entry.Ebx == 0
            : (entry.Ecx & 1) == 0 && entry.Ebx >= XsaveComponents.FirstExtendedOffset;
        return fitsKind ? score + 1 : score;
    }

    /// <summary>The state components n ≥ 2 set in a 64-bit mask given as low and high halves.</summary>
    private static List<int> MaskBits(uint low, uint high)
    {
        var bits = new List<int>();
        for (var n = 2; n < 64; n++)
        {
            if (((n < 32 ? low >> n : high >> (n - 32)) & 1) != 0)
            {
                bits.Add(n);
            }
        }

        return bits;
    }
}
