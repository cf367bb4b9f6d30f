namespace CpuCompat.TestSupport;

/// <summary>Finds the repository from the test binaries, so tests can read bundled files and run the repository's own scripts.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Located = new(Find);

    /// <summary>The folder holding <c>CpuCompat.sln</c>.</summary>
    public static string Path => Located.Value;

    /// <summary>A path below the repository root, '/'-separated.</summary>
    public static string File(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "CpuCompat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CpuCompat.sln above {AppContext.BaseDirectory}.");
    }
}
