using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// <c>level x86-64-v2 : x86-64-v1 = cx16, popcnt, ...;</c>: a named ABI level, the features of its base level plus its
/// own. A CPU (or a pool's baseline) is at a level when it has every feature of it.
/// </summary>
public sealed record LevelDeclaration(ArchFamily Arch, NameRef Name, NameRef? Base, ImmutableArray<NameRef> Features, SourceSpan Span)
    : ArchDeclaration(Arch, Span);
