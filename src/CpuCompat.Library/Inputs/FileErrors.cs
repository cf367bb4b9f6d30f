namespace CpuCompat.Inputs;

/// <summary>What went wrong opening a file, in a few words for a one-line error.</summary>
public static class FileErrors
{
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
