using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Linux;

namespace CpuCompat.Formats;

/// <summary>
/// What <see cref="CpuInputReader"/> read from one input: the format (detected or forced), either raw CPU data
/// (dumps, <c>&lt;cpudata&gt;</c>, cpuinfo, QMP) or CPU definitions (the libvirt XML kinds), every problem found (as
/// file:line:column diagnostics), and notes on what the format could not carry. On errors neither data nor
/// definitions are set.
/// </summary>
public sealed record CpuInput
{
    public required InputFormat Format { get; init; }

    /// <summary>How the format was chosen: the detector's evidence, or "requested" for a forced format.</summary>
    public string FormatEvidence { get; init; } = "";

    /// <summary>Raw CPUID/MSR data (raw kinds only).</summary>
    public CpuData? Data { get; init; }

    /// <summary>CPU definitions in document order (XML kinds only).</summary>
    public ImmutableArray<CpuDefinition> Cpus { get; init; } = [];

    /// <summary>Where each of <see cref="Cpus"/> starts (its <c>&lt;cpu&gt;</c> element), for errors about one of them.</summary>
    public ImmutableArray<SourceSpan> CpuSpans { get; init; } = [];

    /// <summary>The hypervisor's models when a QMP file also holds a <c>query-cpu-definitions</c> reply (use it for guest decoding).</summary>
    public AllowedModels? Models { get; init; }

    /// <summary>The flag-by-flag report of a cpuinfo input.</summary>
    public CpuinfoReport? Cpuinfo { get; init; }

    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Caveats in whole sentences (cpuinfo hides bits, the dump came from a VM, …).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The first error, if any (what a command reports before exiting).</summary>
    public Diagnostic? FirstError => Diagnostics.FirstOrDefault(d => d.IsError);

    /// <summary>True when the input gave raw data (decode it to get a CPU definition).</summary>
    public bool IsRawData => Data is not null;

    /// <summary>True when the input gave at least one CPU definition.</summary>
    public bool IsDefinitions => !Cpus.IsDefaultOrEmpty;
}
