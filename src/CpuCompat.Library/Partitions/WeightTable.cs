using System.Collections.Immutable;
using CpuCompat.Core.Features;

namespace CpuCompat.Partitions;

/// <summary>
/// The weight of every feature of one architecture, and the weight of a feature set: the sum of its features'
/// weights. Features of one weight share a mask, so a set's weight is one AND and popcount per distinct weight
/// (one for the default weights), not a walk over its features: the search computes it millions of times.
/// </summary>
public sealed class WeightTable
{
    private readonly ImmutableArray<int> _weights;
    private readonly ImmutableArray<(int Weight, FeatureSet Mask)> _classes;

    internal WeightTable(int[] weights)
    {
        _weights = [.. weights];
        _classes = [.. weights.Select((w, id) => (Weight: w, Id: id)).Where(x => x.Weight > 0).GroupBy(x => x.Weight)
            .OrderBy(g => g.Key).Select(g => (g.Key, FeatureSet.Of(g.Select(x => x.Id))))];
    }

    /// <summary>The weight of feature <paramref name="id"/>.</summary>
    public int this[int id] => _weights[id];

    /// <summary>The sum of the weights of the features in <paramref name="set"/>.</summary>
    public long Of(in FeatureSet set)
    {
        long sum = 0;
        foreach (var (weight, mask) in _classes)
        {
            sum += (long)weight * (set & mask).PopCount();
        }

        return sum;
    }
}
