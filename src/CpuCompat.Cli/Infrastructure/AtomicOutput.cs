namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// Writes outputs so that a failure never leaves a half-written file: each file is written next to its target
/// under a temporary name and renamed over it; a set of files is staged completely before any is moved in.
/// </summary>
internal static class AtomicOutput
{
    public static void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, content.ToArray());
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void WriteFile(string path, string content) => WriteFile(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>
    /// Replaces the files of <paramref name="directory"/> that <paramref name="isStale"/> selects with
    /// <paramref name="files"/> (relative paths): everything is staged in a sibling directory first, then stale files
    /// are removed and the new ones moved in. Files the predicate does not select are left alone.
    /// </summary>
    public static void ReplaceFiles(string directory, IReadOnlyList<(string RelativePath, string Text)> files, Func<string, bool> isStale)
    {
        var target = Path.GetFullPath(directory);
        var staging = Path.Combine(Path.GetDirectoryName(target.TrimEnd(Path.DirectorySeparatorChar)) ?? ".", $".{Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar))}.{Environment.ProcessId}.staging");
        try
        {
            foreach (var (relative, text) in files)
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            Directory.CreateDirectory(target);
            foreach (var old in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Where(isStale).ToList())
            {
                File.Delete(old);
            }

            foreach (var (relative, _) in files)
            {
                var destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, relative), destination, overwrite: true);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
