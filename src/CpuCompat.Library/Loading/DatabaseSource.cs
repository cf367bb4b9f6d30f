using CpuCompat.Core.Cpu;

namespace CpuCompat.Loading;

/// <summary>Which kind of database a <see cref="DatabaseSource"/> names.</summary>
public enum DatabaseSourceKind
{
    /// <summary>The database built into CpuCompat: libvirt 11.3.0's facts and CpuCompat's rules.</summary>
    BuiltIn,

    /// <summary>A libvirt cpu_map directory, answering as the libvirt it belongs to, with CpuCompat's quirk rules added.</summary>
    CpuMap,

    /// <summary>A compiled <c>.ccdb</c> file, or DSL files and directories (<c>.ccl</c>).</summary>
    Path,
}

/// <summary>
/// Where a database comes from, and which libvirt's behaviour it should answer with where versions differ beyond
/// the map (<see cref="Generation"/>; null keeps the database's own).
/// </summary>
public sealed record DatabaseSource(DatabaseSourceKind Kind, string? Location = null, LibvirtGeneration? Generation = null)
{
    /// <summary>Where a cpu_map's compiled form is kept between runs (null: read the map every time).</summary>
    public CpuMapCache? Cache { get; init; }

    /// <summary>The built-in database.</summary>
    public static DatabaseSource BuiltIn { get; } = new(DatabaseSourceKind.BuiltIn);

    /// <summary>A libvirt cpu_map directory such as <c>/usr/share/libvirt/cpu_map</c>.</summary>
    public static DatabaseSource CpuMap(string directory, CpuMapCache? cache = null) => new(DatabaseSourceKind.CpuMap, directory) { Cache = cache };

    /// <summary>A compiled <c>.ccdb</c> file or DSL files and directories, separated by nothing: one path.</summary>
    public static DatabaseSource FromPath(string path) => new(DatabaseSourceKind.Path, path);

    /// <summary>The same source answering as another libvirt version's behaviour.</summary>
    public DatabaseSource As(LibvirtGeneration generation) => this with { Generation = generation };
}
