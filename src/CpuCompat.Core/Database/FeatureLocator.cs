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
    private readonly ImmutableArray<FeatureDefinition> _features;

    internal FeatureLocator(ImmutableArray<FeatureDefinition> features)
    {
        _features = features;
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
        var full = FeatureSet.Empty;
        var partial = FeatureSet.Empty;
        foreach (var group in _groups)
        {
            var regs = data[group.Key];
            if (regs.IsZero)
            {
                continue;
            }

            foreach (var (feature, mask) in group.Members)
            {
                if (regs.Intersects(mask))
                {
                    partial = partial.With(feature);
                }
            }
        }

        foreach (var id in partial)
        {
            if (ContainsAll(id, data))
            {
                full = full.With(id);
            }
        }

        return (full, partial);
    }

    private bool ContainsAll(int feature, CpuData data)
    {
        foreach (var slot in _features[feature].Bits)
        {
            if (!data[slot.Key].Contains(slot.Registers))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record KeyGroup(DataKey Key, ImmutableArray<(int Feature, Registers Mask)> Members);
}
