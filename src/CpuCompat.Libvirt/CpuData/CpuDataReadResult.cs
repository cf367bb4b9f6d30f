using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuData;

/// <summary>Raw CPU data read from a <c>&lt;cpudata&gt;</c> document (null when there were errors), its architecture, and the problems found.</summary>
public sealed record CpuDataReadResult(Core.Cpu.CpuData? Data, string? Arch, ImmutableArray<Diagnostic> Diagnostics)
{
    [MemberNotNullWhen(true, nameof(Data))]
    public bool Succeeded => Data is not null;
}
