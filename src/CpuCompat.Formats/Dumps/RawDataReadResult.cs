using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Dumps;

/// <summary>Raw CPU data read from a dump (null when there were errors) and every problem found, in file order.</summary>
public sealed record RawDataReadResult(Core.Cpu.CpuData? Data, ImmutableArray<Diagnostic> Diagnostics)
{
    [MemberNotNullWhen(true, nameof(Data))]
    public bool Succeeded => Data is not null;

    /// <summary>The result of a reader: the data unless an error was reported.</summary>
    internal static RawDataReadResult Of(DumpBuilder builder, DiagnosticBag diagnostics) =>
        new(diagnostics.HasErrors ? null : builder.Build(), diagnostics.ToImmutable());
}
