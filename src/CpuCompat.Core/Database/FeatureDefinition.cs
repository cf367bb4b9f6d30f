using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Database;

/// <summary>Another spelling of a feature (QEMU's, Linux's) and its source, when known.</summary>
public sealed record FeatureAlias(string Name, string? Source);

/// <summary>
/// A compiled feature: its dense id (= position in map order), its name, the CPUID/MSR bits that announce it
/// (merged by key, sorted), whether a guest using it stays migratable, and its aliases.
/// </summary>
public sealed record FeatureDefinition(
    int Id,
    string Name,
    ImmutableArray<DataSlot> Bits,
    bool Migratable,
    ImmutableArray<FeatureAlias> Aliases,
    SourceSpan Span)
{
    /// <summary>The tags the feature carries (<c>tag security = ...;</c>), in declaration order.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>A feature announced only by MSR bits (libvirt's "is MSR feature").</summary>
    public bool IsMsr => !Bits.IsDefaultOrEmpty && Bits.All(b => b.Key.Kind == DataKind.Msr);
}
