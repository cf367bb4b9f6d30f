using System.Diagnostics.CodeAnalysis;

namespace CpuCompat.Host;

/// <summary>
/// The file system a probe reads: this machine's (<c>/</c>) or a tree that mirrors its layout (a test fixture, a copy of
/// another host's <c>/sys</c>, <c>/proc</c> and <c>/etc</c>). Paths are given as the host sees them (<c>/sys/...</c>)
/// and resolved under <see cref="Path"/>. Nothing here throws for a missing or unreadable source.
/// </summary>
public sealed class HostRoot
{
    /// <summary>sysfs and procfs files are a few kilobytes; anything much larger is not what the kernel writes there.</summary>
    private const int MaxTextLength = 4 * 1024 * 1024;

    public HostRoot(string path)
    {
        Path = System.IO.Path.GetFullPath(string.IsNullOrEmpty(path) ? "/" : path);
        IsLive = Path == "/";
    }

    /// <summary>This machine's root.</summary>
    public static HostRoot Live { get; } = new("/");

    /// <summary>The absolute directory that stands for <c>/</c>.</summary>
    public string Path { get; }

    /// <summary>True for the real root of the running machine: only then are CPUID, ioctls and the page size its own.</summary>
    public bool IsLive { get; }

    /// <summary>The real path of <paramref name="hostPath"/> (an absolute path as the host sees it).</summary>
    public string Resolve(string hostPath) => System.IO.Path.Join(Path, hostPath.TrimStart('/'));

    public bool FileExists(string hostPath) => File.Exists(Resolve(hostPath));

    public bool DirectoryExists(string hostPath) => Directory.Exists(Resolve(hostPath));

    /// <summary>A file, a directory or a device node exists at <paramref name="hostPath"/>.</summary>
    public bool Exists(string hostPath) => System.IO.Path.Exists(Resolve(hostPath));

    /// <summary>Reads a whole text file; on failure returns false with the reason.</summary>
    public bool TryReadText(string hostPath, [NotNullWhen(true)] out string? text, out ReadFailure failure)
    {
        text = null;
        failure = default;
        try
        {
            var path = Resolve(hostPath);
            if (Directory.Exists(path))
            {
                failure = ReadFailure.Malformed("is a directory");
                return false;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            using var reader = new StreamReader(stream);
            var sb = new System.Text.StringBuilder();
            var buffer = new char[4096];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                sb.Append(buffer, 0, read);
                if (sb.Length > MaxTextLength)
                {
                    failure = ReadFailure.Malformed("larger than any file the kernel writes there");
                    return false;
                }
            }

            text = sb.ToString();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            failure = ReadFailure.From(e);
            return false;
        }
    }

    /// <summary>Reads a text file; on failure records a note (when <paramref name="notes"/> is given) and returns null.</summary>
    public string? ReadText(string hostPath, HostNotes? notes = null)
    {
        if (TryReadText(hostPath, out var text, out var failure))
        {
            return text;
        }

        notes?.Failed(hostPath, failure);
        return null;
    }

    /// <summary>The first line of a file, trimmed (sysfs attributes); null when unreadable.</summary>
    public string? ReadLine(string hostPath, HostNotes? notes = null)
    {
        var text = ReadText(hostPath, notes);
        if (text is null)
        {
            return null;
        }

        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).Trim();
    }

    /// <summary>A sysfs integer attribute; null when missing, unreadable or not a number.</summary>
    public long? ReadInteger(string hostPath, HostNotes? notes = null)
    {
        var line = ReadLine(hostPath, notes);
        if (line is null)
        {
            return null;
        }

        if (long.TryParse(line, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        notes?.Failed(hostPath, ReadFailure.Malformed($"'{line}' is not a number"));
        return null;
    }

    /// <summary>The names of the entries (files and directories) of a directory, sorted ordinally; empty when missing.</summary>
    public IReadOnlyList<string> EnumerateEntries(string hostPath, string pattern = "*") => Enumerate(hostPath, pattern, directories: null);

    /// <summary>The names of the subdirectories of a directory, sorted ordinally; empty when missing or unreadable.</summary>
    public IReadOnlyList<string> EnumerateDirectories(string hostPath, string pattern = "*") => Enumerate(hostPath, pattern, directories: true);

    private List<string> Enumerate(string hostPath, string pattern, bool? directories)
    {
        try
        {
            var path = Resolve(hostPath);
            if (!Directory.Exists(path))
            {
                return [];
            }

            var entries = directories == true ? Directory.EnumerateDirectories(path, pattern) : Directory.EnumerateFileSystemEntries(path, pattern);
            var names = entries.Select(e => System.IO.Path.GetFileName(e)).ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public override string ToString() => Path;
}
