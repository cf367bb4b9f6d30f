using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// A migration pool's policy: features its guests must never see (<c>forbid</c>) or always need
/// (<c>require</c>), models to prefer in order, the only models allowed, a vendor, and whether guests must stay migratable.
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
    SourceSpan Span) : ArchDeclaration(Arch, Span);
