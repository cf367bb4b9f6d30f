using System.Collections.Immutable;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuMap;

/// <summary>One file of a cpu_map directory: its name (relative to the directory) and its text.</summary>
public sealed record CpuMapFile(string Name, string Content);

/// <summary>The files <see cref="CpuMapWriter"/> produced (index.xml first) and what could not be expressed exactly.</summary>
public sealed record CpuMapWriteResult(ImmutableArray<CpuMapFile> Files, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
