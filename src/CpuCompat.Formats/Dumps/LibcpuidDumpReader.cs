using System.Text.RegularExpressions;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Text;

namespace CpuCompat.Formats.Dumps;

/// <summary>
/// Reads libcpuid's raw dump format (what <c>cpuid_serialize_raw_data</c> writes): fixed-size arrays, one line per
/// entry, <c>name[i]=eax ebx ecx edx</c> in hexadecimal, optionally after a <c>version=</c> line and a
/// <c>_____ Logical CPU #0 _____</c> header. libcpuid queries every array index whatever the CPU supports, and Intel
/// CPUs answer an out-of-range leaf with the data of their highest basic leaf, so entries above the maximum leaf are
/// padding (3,023 non-zero ones in the 94 corpus dumps) and are dropped. Sub-leaves no array captures (leaf 7
/// sub-leaf 1, leaf 0xD sub-leaf 1) simply stay missing.
/// </summary>
public static partial class LibcpuidDumpReader
{
    private const string Format = "libcpuid";

    /// <summary>What an array holds: leaf <c>Leaf + i</c> sub-leaf 0 (<see cref="IndexIsSubleaf"/> false), or sub-leaf i of <c>Leaf</c>.</summary>
    private sealed record ArrayKind(uint Leaf, bool IndexIsSubleaf);

    // libcpuid's cpu_raw_data_t (libcpuid.h): the arrays its serializer writes, and the CPUID query behind each.
    private static readonly Dictionary<string, ArrayKind> Arrays = new(StringComparer.Ordinal)
    {
        ["basic_cpuid"] = new(0, false),                 // CPUID(i), ECX = 0
        ["ext_cpuid"] = new(0x8000_0000, false),         // CPUID(0x80000000 + i)
        ["intel_fn4"] = new(4, true),                    // deterministic cache parameters, ECX = i
        ["intel_fn11"] = new(0xB, true),                 // extended topology, ECX = i
        ["intel_fn12h"] = new(0x12, true),               // SGX enumeration, ECX = i
        ["intel_fn14h"] = new(0x14, true),               // Intel Processor Trace, ECX = i
        ["amd_fn8000001dh"] = new(0x8000_001D, true),    // AMD cache topology, ECX = i
    };

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\[(?<index>[0-9]+)\]\s*=\s*(?<values>.*)$")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"^\s*_+\s*Logical CPU #(?<n>[0-9]+)\s*_+\s*$")]
    private static partial Regex CpuHeader();

    private sealed record Entry(ArrayKind Kind, string Array, uint Index, Registers Registers, int Line, int Column);

    public static RawDataReadResult Read(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var builder = new DumpBuilder(fileName, diagnostics);
        var entries = new List<Entry>();
        var unknownArrays = new HashSet<string>(StringComparer.Ordinal);
        string? firstCpu = null;
        (int Line, int Count) unrecognized = default;
        foreach (var line in TextLines.Split(text))
        {
            var content = line.Content.Trim();
            var at = new SourceSpan(fileName, line.Number, TextLines.FirstColumn(line.Content));
            if (content.Length == 0 || content.StartsWith("version=", StringComparison.Ordinal))
            {
                continue;
            }

            // libcpuid's test files append the expected results after a line of 80 dashes.
            if (content.Length >= 40 && content.All(c => c == '-'))
            {
                break;
            }

            if (CpuHeader().Match(content) is { Success: true } header)
            {
                if (firstCpu is null || (firstCpu == header.Groups["n"].Value && entries.Count == 0))
                {
                    firstCpu = header.Groups["n"].Value;
                    continue;
                }

                diagnostics.Add(FormatDiagnostics.OtherCpusIgnored(at));
                break;
            }

            if (EntryLine().Match(line.Content) is not { Success: true } m)
            {
                unrecognized = (unrecognized.Count == 0 ? line.Number : unrecognized.Line, unrecognized.Count + 1);
                continue;
            }

            var name = m.Groups["name"].Value;
            if (!Arrays.TryGetValue(name, out var kind))
            {
                if (unknownArrays.Add(name))
                {
                    diagnostics.Add(FormatDiagnostics.UnknownArray(at, name));
                }

                continue;
            }

            var values = m.Groups["values"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (!uint.TryParse(m.Groups["index"].ValueSpan, out var index) || values.Length != 4
                || !TextLines.TryParseHex(values[0], out var eax) || !TextLines.TryParseHex(values[1], out var ebx)
                || !TextLines.TryParseHex(values[2], out var ecx) || !TextLines.TryParseHex(values[3], out var edx)
                || (!kind.IndexIsSubleaf && index > 0xFFFF))
            {
                diagnostics.Add(FormatDiagnostics.MalformedLine(at, Format, $"'{name}[i]=eax ebx ecx edx' with four 32-bit hexadecimal values"));
                continue;
            }

            entries.Add(new Entry(kind, name, index, new Registers(eax, ebx, ecx, edx), line.Number, at.Column));
        }

        if (unrecognized.Count > 0)
        {
            diagnostics.Add(FormatDiagnostics.UnrecognizedLine(new SourceSpan(fileName, unrecognized.Line, 1), Format, unrecognized.Count));
        }

        if (entries.Count == 0)
        {
            // After a damaged register line, "no data" would only repeat the problem.
            if (!diagnostics.HasErrors)
            {
                diagnostics.Add(FormatDiagnostics.NoCpuidData(new SourceSpan(fileName, 1, 1), Format));
            }

            return RawDataReadResult.Of(builder, diagnostics);
        }

        AddWithinRange(entries, builder, diagnostics, fileName);
        return RawDataReadResult.Of(builder, diagnostics);
    }

    /// <summary>
    /// Adds the entries whose leaf the CPU reports: basic leaves up to leaf 0 EAX, extended ones up to leaf 0x80000000
    /// EAX (none at all when that is not an extended leaf number), and a sub-leaf array only when its leaf is in range.
    /// </summary>
    private static void AddWithinRange(List<Entry> entries, DumpBuilder builder, DiagnosticBag diagnostics, string fileName)
    {
        var leaf0 = entries.FirstOrDefault(e => e.Array == "basic_cpuid" && e.Index == 0);
        var ext0 = entries.FirstOrDefault(e => e.Array == "ext_cpuid" && e.Index == 0);
        if (leaf0 is null)
        {
            diagnostics.Add(FormatDiagnostics.NoLeafZero(new SourceSpan(fileName, entries[0].Line, entries[0].Column)));
        }

        var maxBasic = leaf0?.Registers.Eax ?? uint.MaxValue >> 1;
        uint? maxExtended = ext0 is null ? 0xFFFF_FFFF : ext0.Registers.Eax is >= 0x8000_0000 and <= 0x8000_FFFF ? ext0.Registers.Eax : null;
        var dropped = new Dictionary<string, (int Count, Entry First, uint Max)>(StringComparer.Ordinal);

        // basic_cpuid[4] and intel_fn4[0] (and the like) are the same slot; the sub-leaf arrays go first because libcpuid
        // queries them with an explicit ECX, so they win should the two ever disagree.
        foreach (var e in entries.Where(e => e.Kind.IndexIsSubleaf).Concat(entries.Where(e => !e.Kind.IndexIsSubleaf)))
        {
            var leaf = e.Kind.IndexIsSubleaf ? e.Kind.Leaf : e.Kind.Leaf + e.Index;
            var extended = leaf >= 0x8000_0000;
            var inRange = extended ? maxExtended is { } max && leaf <= max : leaf <= maxBasic;
            if (!inRange)
            {
                var limit = extended ? maxExtended ?? 0x8000_0000 : maxBasic;
                dropped[e.Array] = dropped.TryGetValue(e.Array, out var d) ? (d.Count + 1, d.First, d.Max) : (1, e, limit);
                continue;
            }

            builder.Add(DataKey.Cpuid(leaf, e.Kind.IndexIsSubleaf ? e.Index : 0), e.Registers, e.Line, e.Column);
        }

        foreach (var (array, (count, first, max)) in dropped)
        {
            diagnostics.Add(FormatDiagnostics.PaddingDropped(new SourceSpan(fileName, first.Line, first.Column), array, count, max));
        }
    }
}
