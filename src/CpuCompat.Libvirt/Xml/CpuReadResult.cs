using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml;

/// <summary>A parsed CPU definition, or the one error that stopped parsing (libvirt stops at the first).</summary>
public sealed record CpuReadResult(CpuDefinition? Cpu, Diagnostic? Error)
{
    [MemberNotNullWhen(true, nameof(Cpu))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Cpu is not null;

    public static CpuReadResult Success(CpuDefinition cpu) => new(cpu, null);

    public static CpuReadResult Failure(Diagnostic error) => new(null, error);
}

/// <summary>Every CPU definition found in a document, in document order, or the first error.</summary>
public sealed record CpuListReadResult(ImmutableArray<CpuDefinition> Cpus, Diagnostic? Error)
{
    /// <summary>Where each of <see cref="Cpus"/> starts (its element), when the reader knows; empty otherwise.</summary>
    public ImmutableArray<SourceSpan> Spans { get; init; } = [];

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static CpuListReadResult Failure(Diagnostic error) => new([], error);
}
