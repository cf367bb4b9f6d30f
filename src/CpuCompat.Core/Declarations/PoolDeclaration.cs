using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// A migration pool: which hosts of a fleet belong to it (<paramref name="Selectors"/>, all of which must hold; none:
/// the whole fleet; <paramref name="Vendor"/> is a selector too) and its policy: features its guests must never see
/// (<c>forbid</c>), features every member must have (<c>require</c>; a member without them is left out and reported),
/// models to prefer in order, the only models allowed, whether guests must stay migratable, and the least model its
/// baseline may be (<c>minimum</c>).
/// </summary>
public sealed record PoolDeclaration(
    ArchFamily Arch,
    NameRef Name,
    ImmutableArray<NameRef> Forbid,
    ImmutableArray<NameRef> Require,
    ImmutableArray<NameRef> Prefer,
    ImmutableArray<NameRef> Allow,
    NameRef? Vendor,
    bool Migratable,
    SourceSpan Span) : ArchDeclaration(Arch, Span)
{
    /// <summary>The <c>select</c> conditions over a host's CPU and labels, in order.</summary>
    public ImmutableArray<ConditionSyntax> Selectors { get; init; } = [];

    /// <summary>The least model the pool's baseline may be (<c>minimum MODEL;</c>).</summary>
    public NameRef? Minimum { get; init; }
}
