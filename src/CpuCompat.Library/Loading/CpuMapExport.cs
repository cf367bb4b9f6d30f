using System.Collections.Immutable;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Libvirt.CpuMap;

namespace CpuCompat.Loading;

/// <summary>A database rendered as a libvirt cpu_map: its files (name and content) and what could not be expressed.</summary>
public sealed record ExportedCpuMap(ImmutableArray<(string Name, string Content)> Files, ImmutableArray<Diagnostic> Warnings);

/// <summary>
/// <c>db export-cpumap</c>: a database as a libvirt cpu_map directory, so that libvirt can use the same models. Rules,
/// dependencies and pools have no cpu_map form and are left out.
/// </summary>
public static class CpuMapExport
{
    public static ExportedCpuMap Render(CpuDatabase database)
    {
        var rendered = CpuMapWriter.Render(database);
        return new ExportedCpuMap([.. rendered.Files.Select(f => (f.Name, f.Content))], rendered.Diagnostics);
    }

    /// <summary>Files a previous export wrote (and only those): index.xml and the per-architecture map files.</summary>
    public static bool IsMapFile(string path)
    {
        var name = Path.GetFileName(path);
        return name == "index.xml"
            || (name.EndsWith(".xml", StringComparison.Ordinal) && (name.StartsWith("x86_", StringComparison.Ordinal) || name.StartsWith("ppc64_", StringComparison.Ordinal) || name.StartsWith("arm_", StringComparison.Ordinal)));
    }
}
