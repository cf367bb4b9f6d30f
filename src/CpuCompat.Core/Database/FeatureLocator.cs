using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>
/// Turns raw CPUID/MSR registers into feature sets. Built once per database: the features' bits are grouped by
/// data key, so locating is one pass over the data's slots.
/// </summary>
public sealed class FeatureLocator
{
    private readonly ImmutableArray<KeyGroup> _groups;

    internal FeatureLocator(ImmutableArray<FeatureDefinition> features)
    {
        _groups =
        [
            .. features
                .Where(f => !f.Bits.IsDefaultOrEmpty)
                .SelectMany(f => f.Bits.Select(b => (b.Key, Feature: f.Id, Mask: b.Registers)))
                .GroupBy(x => x.Key)
                .OrderBy(g => g.Key)
                .Select(g => new KeyGroup(g.Key, [.. g.Select(x => (x.Feature, x.Mask))])),
        ];
    }

    /// <summary>
    /// The features whose every bit is set in <paramref name="data"/> (<c>Full</c>) and those with at least
    /// one bit set (<c>Partial</c>).
    /// </summary>
    /// <remarks>
    /// Features occupy disjoint bits (the binder checks it), so for single-bit features the two sets are equal;
    /// they differ only for a multi-bit feature that is partly present, which libvirt neither lists as present
    /// nor as missing.
    /// </remarks>
    public (FeatureSet Full, FeatureSet Partial) Locate(CpuData data)
    {
        // One merge of two key-sorted lists (the groups and the data's slots), the bits set in place: a feature is
        // partly present when one of its masks meets the data, and incomplete when one is not wholly in it.
        Span<ulong> partial = stackalloc ulong[FeatureSet.WordCount];
        Span<ulong> incomplete = stackalloc ulong[FeatureSet.WordCount];
        var slots = data.Slots.AsSpan();
        var at = 0;
        foreach (var group in _groups)
        {
            while (at < slots.Length && slots[at].Key.CompareTo(group.Key) < 0)
            {
                at++;
            }

            var regs = at < slots.Length && slots[at].Key == group.Key ? slots[at].Registers : Registers.Zero;
            foreach (var (feature, mask) in group.Members.AsSpan())
            {
                // Written out register by register: this loop runs for every feature of the map on every decode.
                var bit = 1UL << (feature & 63);
                var meets = (regs.Eax & mask.Eax) | (regs.Ebx & mask.Ebx) | (regs.Ecx & mask.Ecx) | (regs.Edx & mask.Edx);
                var lacks = (mask.Eax & ~regs.Eax) | (mask.Ebx & ~regs.Ebx) | (mask.Ecx & ~regs.Ecx) | (mask.Edx & ~regs.Edx);
                partial[feature >> 6] |= meets != 0 ? bit : 0;
                incomplete[feature >> 6] |= lacks != 0 ? bit : 0;
            }
        }

        Span<ulong> full = stackalloc ulong[FeatureSet.WordCount];
        for (var w = 0; w < full.Length; w++)
        {
            full[w] = partial[w] & ~incomplete[w];
        }

        return (FeatureSet.FromWords(full), FeatureSet.FromWords(partial));
    }

    private sealed record KeyGroup(DataKey Key, ImmutableArray<(int Feature, Registers Mask)> Members);
}
