using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuMap;

/// <summary>
/// What <see cref="CpuMapReader"/> found in a cpu_map directory: the declarations in libvirt's load order (a
/// <see cref="CompatDeclaration"/> first), the generation the map was read as, and every problem found.
/// </summary>
public sealed record CpuMapReadResult(
    ImmutableArray<Declaration> Declarations,
    LibvirtGeneration Generation,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
