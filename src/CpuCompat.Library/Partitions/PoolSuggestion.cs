using System.Collections.Immutable;
using CpuCompat.Fleets;
using CpuCompat.Pools;

namespace CpuCompat.Partitions;

/// <summary>Which of the partitions <c>pool suggest</c> compares won: one pool per group, the greedy merge, or the greedy merge improved by moves.</summary>
public enum PartitionMethod
{
    OnePool,
    Greedy,
    Refined,
}

/// <summary>
/// One pool of a suggestion: its baseline, costs and ABI level exactly as <c>pool baseline</c> computes them, the
/// pool of the fleet it was cut from (<see cref="PoolPlanner.WholeFleet"/>, a policy's pool or a label's value), the
/// weight of the features its baseline offers, and its share of the objective (that weight times its hosts).
/// </summary>
public sealed record SuggestedPool(PoolBaseline Baseline, string Group, long OfferedWeight, long Value);

/// <summary>
/// The objective of each partition compared: the sum over hosts of the weight of the features their pool's baseline
/// offers, with libvirt's real baselines. <see cref="Ceiling"/> is that sum if every host kept every feature of its
/// own CPU (no partition gets more).
/// </summary>
public sealed record PartitionScores(long OnePool, long Greedy, long Refined, long Ceiling)
{
    public long Of(PartitionMethod method) => method switch
    {
        PartitionMethod.OnePool => OnePool,
        PartitionMethod.Greedy => Greedy,
        _ => Refined,
    };
}

/// <summary>
/// <c>cpucompat pool suggest</c>: the fleet split into at most <see cref="Asked"/> pools so that guests keep the most.
/// <see cref="Groups"/> are the pools it was cut from (the whole fleet, or the policies' and labels' pools, with the
/// hosts their policies left out); <see cref="Unplaced"/> the hosts of no group (no policy selects them).
/// </summary>
public sealed record PoolSuggestion(
    Fleet Fleet,
    int Asked,
    FeatureWeights Weights,
    ImmutableArray<Pool> Groups,
    ImmutableArray<SuggestedPool> Pools,
    PartitionMethod Method,
    PartitionScores Scores,
    ImmutableArray<string> Unplaced)
{
    /// <summary>The objective of the suggested partition: the sum of its pools' values.</summary>
    public long Value => Pools.Sum(p => p.Value);
}
