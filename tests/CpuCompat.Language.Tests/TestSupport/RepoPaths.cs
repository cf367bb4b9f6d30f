namespace CpuCompat.Language.Tests.TestSupport;

/// <summary>Finds the repository from the test binaries, so tests can run the repository's own scripts.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CpuCompat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CpuCompat.sln above {AppContext.BaseDirectory}.");
    }
}
