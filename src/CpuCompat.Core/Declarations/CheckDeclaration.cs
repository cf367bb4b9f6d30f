using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>A <c>check</c> statement: a statement about a pool of a fleet that <c>cpucompat check</c> evaluates in CI.</summary>
public abstract record CheckDeclaration(ArchFamily Arch, NameRef Pool, SourceSpan Span) : ArchDeclaration(Arch, Span);

/// <summary><c>check guests "DIR" run on POOL;</c>: every guest of the directory (all guests without one) runs on every member.</summary>
public sealed record GuestsCheckDeclaration(ArchFamily Arch, string? Directory, NameRef Pool, SourceSpan Span) : CheckDeclaration(Arch, Pool, Span);

/// <summary><c>check POOL baseline at least MODEL;</c>: the pool's baseline offers every feature of the model.</summary>
public sealed record MinimumCheckDeclaration(ArchFamily Arch, NameRef Pool, NameRef Model, SourceSpan Span) : CheckDeclaration(Arch, Pool, Span);

/// <summary><c>check POOL baseline not deprecated;</c>: the pool's baseline model is not one the hypervisor marks deprecated.</summary>
public sealed record DeprecatedCheckDeclaration(ArchFamily Arch, NameRef Pool, SourceSpan Span) : CheckDeclaration(Arch, Pool, Span);

/// <summary><c>check no host of POOL has f, g;</c>: no member exposes any of the features.</summary>
public sealed record ExposesCheckDeclaration(ArchFamily Arch, NameRef Pool, ImmutableArray<NameRef> Features, SourceSpan Span) : CheckDeclaration(Arch, Pool, Span);
