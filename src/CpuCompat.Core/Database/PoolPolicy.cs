using System.Collections.Immutable;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>
/// A compiled migration-pool policy: which hosts belong (<see cref="Selector"/>; null: every host), feature masks to
/// forbid to guests and to require of members, preferred models in order, the models allowed (empty: all), an optional
/// vendor (also a selector), whether non-migratable features are dropped, and the least model the baseline may be.
/// </summary>
public sealed record PoolPolicy(
    string Name,
    FeatureSet Forbid,
    FeatureSet Require,
    ImmutableArray<int> Prefer,
    ImmutableArray<int> Allow,
    int? VendorId,
    bool Migratable,
    SourceSpan Span)
{
    /// <summary>The hosts the pool takes: every <c>select</c> condition holds. Null when the pool has none.</summary>
    public RuleCondition? Selector { get; init; }

    /// <summary>The model id of <c>minimum MODEL;</c>, if any.</summary>
    public int? Minimum { get; init; }
}
