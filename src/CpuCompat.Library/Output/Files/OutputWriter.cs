using System.Security.Cryptography;

namespace CpuCompat.Output.Files;

/// <summary>
/// The one way CpuCompat writes files. A regular file is replaced atomically: the content goes to a temporary file
/// created exclusively, under a random name, in the target's own directory, and is renamed over the target, so a
/// reader sees the old file or the new one and a planted file or link at a guessable name is never followed. What is
/// not a regular file is never replaced: a device or FIFO is written into, a symbolic link is followed and the file
/// it points at replaced, a directory is refused. An existing file is replaced only when the caller says so (--force).
/// </summary>
public static class OutputWriter
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutput = "-";

    private const int MaxLinkHops = 40;

    /// <summary>Writes one file; throws <see cref="OutputRefusedException"/> for a target the rules forbid, before writing anything.</summary>
    public static void WriteFile(string path, byte[] content, bool force, CancellationToken cancellation = default)
    {
        if (path == StandardOutput)
        {
            using var stream = Console.OpenStandardOutput();
            stream.Write(content);
            return;
        }

        WriteFiles([new OutputFile(path, content)], force, cancellation: cancellation);
    }

    /// <summary>
    /// Writes several files all or none: every target is checked first, then every regular file is staged, and only
    /// then are they moved in (and <paramref name="removals"/>, files the new set replaces, deleted). A cancellation
    /// before the moves leaves every target as it was.
    /// </summary>
    public static void WriteFiles(IReadOnlyList<OutputFile> files, bool force, IReadOnlyList<string>? removals = null, CancellationToken cancellation = default)
    {
        var targets = files.Select(f => (Target: Check(f.Path, force), f.Content)).ToList();
        var staged = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var (target, content) in targets.Where(t => t.Target.Kind is not FileKind.Special))
            {
                cancellation.ThrowIfCancellationRequested();
                staged.Add((Stage(target.Path, content), target.Path));
            }

            cancellation.ThrowIfCancellationRequested();

            foreach (var (target, content) in targets.Where(t => t.Target.Kind is FileKind.Special))
            {
                using var device = new FileStream(target.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                device.Write(content);
            }

            foreach (var old in removals ?? [])
            {
                File.Delete(old);
            }

            foreach (var (temporary, target) in staged)
            {
                File.Move(temporary, target, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temporary, _) in staged)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="files"/> (paths relative to <paramref name="directory"/>) into the directory, created when
    /// missing, and removes the files <paramref name="isStale"/> selects that the new set does not hold. Replacing or
    /// removing an existing file needs <paramref name="force"/>.
    /// </summary>
    public static void WriteDirectory(string directory, IReadOnlyList<(string RelativePath, string Text)> files, bool force, Func<string, bool>? isStale = null, CancellationToken cancellation = default)
    {
        var root = Resolve(Path.GetFullPath(directory));
        var kind = FileKinds.Of(root);
        if (kind is not (FileKind.Directory or FileKind.Missing))
        {
            throw new OutputRefusedException($"{directory} is not a directory");
        }

        var outputs = files.Select(f => new OutputFile(Path.Combine(root, f.RelativePath), System.Text.Encoding.UTF8.GetBytes(f.Text))).ToList();
        var written = outputs.Select(o => Path.GetFullPath(o.Path)).ToHashSet(StringComparer.Ordinal);
        var removals = kind is FileKind.Missing || isStale is null
            ? []
            : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => isStale(f) && !written.Contains(f)).ToList();
        if (!force && removals.Count > 0)
        {
            throw new OutputRefusedException($"{removals[0]} exists and would be removed; pass --force to replace the files in {directory}");
        }

        foreach (var output in outputs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output.Path)!);
        }

        WriteFiles(outputs, force, removals, cancellation);
    }

    private static (string Path, FileKind Kind) Check(string path, bool force)
    {
        var target = Resolve(Path.GetFullPath(path));
        var kind = FileKinds.Of(target);
        return kind switch
        {
            FileKind.Directory => throw new OutputRefusedException($"{path} is a directory"),
            FileKind.Regular when !force => throw new OutputRefusedException($"{path} exists; pass --force to replace it"),
            _ when !Directory.Exists(Path.GetDirectoryName(target)) => throw new OutputRefusedException($"{path}: no such directory {Path.GetDirectoryName(target)}"),
            _ => (target, kind),
        };
    }

    /// <summary>Follows a chain of symbolic links to the path the content really goes to (which may not exist yet).</summary>
    private static string Resolve(string path)
    {
        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            if (FileKinds.Of(path) is not FileKind.SymbolicLink)
            {
                return path;
            }

            var link = new FileInfo(path).LinkTarget!;
            path = Path.GetFullPath(link, Path.GetDirectoryName(path)!);
        }

        throw new OutputRefusedException($"{path}: too many levels of symbolic links");
    }

    /// <summary>Writes the content to a new file beside the target, created exclusively under a name nobody can predict.</summary>
    private static string Stage(string target, byte[] content)
    {
        var directory = Path.GetDirectoryName(target)!;
        for (var attempt = 0; ; attempt++)
        {
            var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
            FileStream stream;
            try
            {
                stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            }
            catch (IOException) when (attempt < 8 && Path.Exists(temporary))
            {
                // Someone holds this name (a planted file or link): never touch it, draw another.
                continue;
            }

            try
            {
                using (stream)
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }

                if (!OperatingSystem.IsWindows() && FileKinds.Of(target) is FileKind.Regular)
                {
                    // A replaced file keeps its permissions (a report readable by a group stays so).
                    File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
                }

                return temporary;
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
    }
}

/// <summary>One file to write: where and what.</summary>
public sealed record OutputFile(string Path, byte[] Content);
