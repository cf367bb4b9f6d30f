using System.Buffers;
using System.Text;

namespace CpuCompat.Fleets;

/// <summary>
/// A fleet as a directory tree, one host a file (any CPU format CpuCompat reads), the host named by the file's path
/// relative to the directory without its extension (<c>rack1/h01.xml</c> is host <c>rack1/h01</c>); labels come from a
/// CSV (by default <c>labels.csv</c> at the top, which is never a host, even when <c>--labels</c> names another), whose <c>host</c> column gives either spelling.
/// Files are read through one reused buffer.
/// </summary>
internal static class DirectoryFleetReader
{
    public const string DefaultLabels = "labels.csv";

    public static Core.Outcome<Core.Unit> Read(string directory, string? labelsPath, FleetBuilder builder, IProgress<long>? progress)
    {
        var defaultLabels = Path.Combine(directory, DefaultLabels);
        labelsPath ??= File.Exists(defaultLabels) ? defaultLabels : null;
        var labels = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        if (labelsPath is not null)
        {
            var read = LabelsCsv.Read(labelsPath);
            if (!read.TryGetValue(out labels!))
            {
                return read.Error!;
            }
        }

        var files = Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden })
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != DefaultLabels && Path.GetFullPath(Path.Combine(directory, f)) != (labelsPath is null ? null : Path.GetFullPath(labelsPath)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long consumed = 0;
        try
        {
            foreach (var relative in files)
            {
                var name = Path.ChangeExtension(relative, null) ?? relative;
                var hostLabels = labels.GetValueOrDefault(relative) ?? labels.GetValueOrDefault(name) ?? [];
                try
                {
                    using var file = new FileStream(Path.Combine(directory, relative), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                    var length = file.Length;
                    if (length > JsonLinesFleetReader.MaxLine)
                    {
                        builder.Problem(0, name, $"{relative} is larger than {JsonLinesFleetReader.MaxLine >> 20} MiB");
                        continue;
                    }

                    if (length > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent((int)length);
                    }

                    var filled = 0;
                    for (int read; filled < length && (read = file.Read(buffer, filled, (int)length - filled)) > 0;)
                    {
                        filled += read;
                    }

                    consumed += filled;
                    progress?.Report(consumed);
                    builder.Add(name, buffer.AsSpan(0, filled), Utf8, hostLabels, 0);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    builder.Problem(0, name, $"cannot read {relative}: {Inputs.FileErrors.Describe(e)}");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var named = new HashSet<string>(files.Concat(files.Select(f => Path.ChangeExtension(f, null) ?? f)), StringComparer.Ordinal);
        foreach (var unused in labels.Keys.Where(h => !named.Contains(h)).Order(StringComparer.Ordinal))
        {
            builder.Problem(0, unused, $"the labels CSV names host {unused}, which has no file in {directory}");
        }

        return default(Core.Unit);
    }

    private static string Utf8(ReadOnlySpan<byte> content) => Encoding.UTF8.GetString(content);
}
