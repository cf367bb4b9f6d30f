namespace CpuCompat.Inputs;

/// <summary>What went wrong opening a file, in a few words for a one-line error.</summary>
public static class FileErrors
{
    /// <summary>Why <paramref name="path"/> could not be read: a directory is said to be one (the system says "access denied").</summary>
    public static string Describe(Exception e, string path) =>
        e is UnauthorizedAccessException && Directory.Exists(path) ? "it is a directory; give a file" : Describe(e);

    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
