namespace CpuCompat.Cli.Infrastructure;

/// <summary>Writes a command's files into an output directory (<c>DIR/&lt;pool&gt;.xml</c>, <c>DIR/NAME-host.xml</c>), all of them or none.</summary>
internal static class OutputFiles
{
    /// <summary>A name (a pool's, a host's) as a file name: characters other than letters, digits, '.', '_' and '-' become '_'.</summary>
    public static string SafeName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);

    /// <summary>Writes the files (names relative to the directory); reports a failure and returns false.</summary>
    public static bool TryWrite(CliContext context, string directory, IReadOnlyList<(string FileName, string Text)> files)
    {
        try
        {
            AtomicOutput.ReplaceFiles(directory, files, _ => false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Fail($"cannot write {directory}: {CliContext.Describe(e)}");
            return false;
        }
    }

    /// <summary>Writes one file (a report) whole; reports a failure and returns false.</summary>
    public static bool TryWriteFile(CliContext context, string path, string text)
    {
        try
        {
            AtomicOutput.WriteFile(path, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Fail($"cannot write {path}: {CliContext.Describe(e)}");
            return false;
        }
    }
}
