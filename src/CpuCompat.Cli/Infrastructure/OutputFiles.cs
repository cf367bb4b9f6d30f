namespace CpuCompat.Cli.Infrastructure;

/// <summary>Writes one file per pool into an output directory (<c>DIR/&lt;pool&gt;.xml</c>), all of them or none.</summary>
internal static class PoolFiles
{
    /// <summary>A pool name as a file name: characters other than letters, digits, '.', '_' and '-' become '_'.</summary>
    public static string FileName(string pool, string extension) =>
        new string([.. pool.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]) + extension;

    /// <summary>Writes the files; reports a failure and returns false.</summary>
    public static bool TryWrite(CliContext context, string directory, IReadOnlyList<(string Pool, string Text)> files, string extension)
    {
        try
        {
            AtomicOutput.ReplaceFiles(directory, [.. files.Select(f => (FileName(f.Pool, extension), f.Text))], _ => false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Fail($"cannot write {directory}: {CliContext.Describe(e)}");
            return false;
        }
    }
}
