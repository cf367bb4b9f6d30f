using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// A feature and the CPUID or MSR bits that announce it. Items with the same key are OR-merged, as libvirt does.
/// ARM features have no bits.
/// </summary>
public sealed record FeatureDeclaration(
    ArchFamily Arch,
    NameRef Name,
    ImmutableArray<FeatureBitsSyntax> Bits,
    bool Migratable,
    ImmutableArray<FeatureAliasSyntax> Aliases,
    SourceSpan Span) : ArchDeclaration(Arch, Span);

/// <summary>One CPUID leaf/sub-leaf or MSR index and the register bits set in it.</summary>
public sealed record FeatureBitsSyntax(DataKey Key, Registers Mask, SourceSpan Span);

/// <summary>Another spelling of a feature, and who uses it (<c>qemu</c>, <c>linux</c>), if known.</summary>
public sealed record FeatureAliasSyntax(string Name, string? Source, SourceSpan Span);
