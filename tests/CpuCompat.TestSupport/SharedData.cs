using Xunit;

namespace CpuCompat.TestSupport;

/// <summary>
/// Finds the project's reference material (<c>../shared</c> beside the repository, or <c>CPUCOMPAT_SHARED</c>) at run
/// time. Tests never copy it; without it they skip and say why.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "CPUCOMPAT_SHARED";

    /// <summary>The libvirt versions whose maps and test data the shared folder holds.</summary>
    public static readonly string[] LibvirtVersions = ["9.0.0", "11.3.0"];

    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Root => Located.Value;

    /// <summary>The shared folder; skips the calling test (with the reason) when it is missing.</summary>
    public static string RequireRoot()
    {
        if (Root is { } root)
        {
            return root;
        }

        Assert.Skip($"the shared reference folder was not found: set {EnvironmentVariable} or put 'shared' beside the repository (next to the folder holding CpuCompat.sln).");
        return "";
    }

    /// <summary>libvirt's cpu_map directory of <paramref name="version"/> (e.g. "11.3.0"); skips when missing.</summary>
    public static string CpuMapDir(string version) => RequireDirectory(Path.Combine(RequireRoot(), "libvirt", version, "cpu_map"));

    /// <summary>libvirt's cputestdata directory of <paramref name="version"/>; skips when missing.</summary>
    public static string TestDataDir(string version) => RequireDirectory(Path.Combine(RequireRoot(), "libvirt", version, "cputestdata"));

    /// <summary>A file under <see cref="TestDataDir"/>.</summary>
    public static string TestDataFile(string version, string name) => Path.Combine(TestDataDir(version), name);

    private static string RequireDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            Assert.Skip($"the shared reference folder has no '{path}'.");
        }

        return path;
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CpuCompat.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }

        return null;
    }
}
