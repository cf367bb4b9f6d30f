using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>
/// A compiled migration-pool policy: feature masks to forbid and require, preferred models in order,
/// the models allowed (empty: all), an optional vendor, and whether non-migratable features are dropped.
/// </summary>
public sealed record PoolPolicy(
    string Name,
    FeatureSet Forbid,
    FeatureSet Require,
    ImmutableArray<int> Prefer,
    ImmutableArray<int> Allow,
    int? VendorId,
    bool Migratable,
    SourceSpan Span);
