using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Libvirt.CpuMap;

/// <summary>Loads a libvirt cpu_map directory into a compiled database: <see cref="CpuMapReader"/> plus the binder with libvirt's declare-before-use rule.</summary>
public static class CpuMapLoader
{
    /// <summary>
    /// Reads and binds the map in <paramref name="directory"/>. The database is null when the reader or the binder
    /// found an error; the diagnostics of both are returned, reader first.
    /// </summary>
    public static BindResult Load(string directory, LibvirtGeneration? generation = null) =>
        Bind(CpuMapReader.Read(directory, generation), directory);

    /// <summary>Binds what <see cref="CpuMapReader"/> read; <paramref name="source"/> names the map in the database.</summary>
    public static BindResult Bind(CpuMapReadResult read, string source)
    {
        var bound = DatabaseBinder.Bind(read.Declarations, new BindOptions
        {
            DeclareBeforeUse = true,
            Source = source,
            DefaultGeneration = read.Generation,
        });

        var diagnostics = read.Diagnostics.AddRange(bound.Diagnostics);
        return new BindResult(read.HasErrors ? null : bound.Database, diagnostics);
    }
}
