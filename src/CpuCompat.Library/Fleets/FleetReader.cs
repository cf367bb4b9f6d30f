using System.Buffers;
using System.Text.Json;
using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Inputs;

namespace CpuCompat.Fleets;

/// <summary>What a fleet reader should do besides reading: where labels come from for a directory, and progress.</summary>
public sealed record FleetReadOptions
{
    /// <summary>The labels CSV of a directory fleet (default: <c>labels.csv</c> at its top, if there).</summary>
    public string? LabelsCsv { get; init; }

    /// <summary>Receives the number of bytes read so far (a progress line for long inputs).</summary>
    public IProgress<long>? Progress { get; init; }
}

/// <summary>
/// Reads a fleet in any of the forms operators have it: JSON Lines (one host a line, <c>--fleet -</c> for standard
/// input), a Kubernetes node list labelled by KubeVirt (recognised by its <c>items</c>), OpenStack's hypervisor records
/// (recognised by <c>hypervisor_hostname</c> or the compute API's <c>hypervisors</c>), or a directory tree with one
/// host a file. Hosts that cannot be read are in <see cref="Fleet.Problems"/>, never silently dropped.
/// </summary>
public static class FleetReader
{
    /// <summary>A fleet from a file or directory path; <c>-</c> is not a path here (use <see cref="Read(Stream, string, CpuReader, FleetReadOptions?)"/>).</summary>
    public static Outcome<Fleet> Read(string path, CpuReader reader, FleetReadOptions? options = null)
    {
        options ??= new FleetReadOptions();
        if (Directory.Exists(path))
        {
            var builder = new FleetBuilder(reader, path);
            return DirectoryFleetReader.Read(path, options.LabelsCsv, builder, options.Progress).Select(_ => builder.Build());
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return Read(stream, path, reader, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Errors.Invalid($"cannot read the fleet {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message)}");
        }
    }

    /// <summary>A fleet from a stream (a file, or standard input) in JSON Lines, as a Kubernetes node list or as OpenStack hypervisor records.</summary>
    public static Outcome<Fleet> Read(Stream stream, string name, CpuReader reader, FleetReadOptions? options = null)
    {
        options ??= new FleetReadOptions();
        var builder = new FleetBuilder(reader, name);

        // The first non-blank line tells the form: a JSON Lines host names "host"; anything else is one JSON document.
        var head = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var filled = 0;
            var end = false;
            while (filled < head.Length)
            {
                var read = stream.Read(head, filled, head.Length - filled);
                if (read == 0)
                {
                    end = true;
                    break;
                }

                filled += read;
                if (head.AsSpan(0, filled).TrimStart(" \t\r\n"u8).IndexOf((byte)'\n') >= 0)
                {
                    break;
                }
            }

            var prefix = head.AsSpan(0, filled);
            if (end && prefix.Trim(" \t\r\n"u8).IsEmpty)
            {
                return Errors.Invalid($"{name}: the fleet is empty (no hosts)");
            }

            if (IsJsonLines(prefix))
            {
                JsonLinesFleetReader.Read(stream, builder, prefix, options.Progress);
                return builder.Build();
            }

            var document = ReadRest(stream, prefix);
            if (OpenStackFleetReader.IsHypervisors(document))
            {
                return OpenStackFleetReader.Read(document, builder, reader.Engine.Database.Generation).Select(_ => builder.Build());
            }

            try
            {
                using var json = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = 64 });
                if (KubernetesFleetReader.IsNodeList(json.RootElement))
                {
                    KubernetesFleetReader.Read(json.RootElement, builder, reader.Engine.Database.Generation);
                    return builder.Build();
                }
            }
            catch (JsonException e)
            {
                return Errors.Invalid($"{name}: not a fleet: neither JSON Lines ({{\"host\": …, \"cpu\": …}} a line), a node list nor hypervisor records ({JsonMessages.Clean(e.Message)})");
            }

            return Errors.Invalid($"{name}: not a fleet: expected JSON Lines (one {{\"host\": NAME, \"cpu\": TEXT, \"labels\": {{…}}}} a line), a Kubernetes node list (kubectl get nodes -o json) or OpenStack hypervisor records (openstack hypervisor show -f json, os-hypervisors/detail)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    /// <summary>Whether the first non-blank line is a JSON object with a "host" member (JSON Lines) rather than the start of a document.</summary>
    private static bool IsJsonLines(ReadOnlySpan<byte> prefix)
    {
        // Blank lines before the first host are allowed, as between hosts.
        prefix = prefix.TrimStart(" \t\r\n"u8);
        var end = prefix.IndexOf((byte)'\n');
        var line = end < 0 ? prefix : prefix[..end];
        try
        {
            var json = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return line.Trim((byte)' ').IsEmpty && end >= 0;
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("host"u8))
                {
                    return true;
                }

                json.Read();
                json.Skip();
            }
        }
        catch (JsonException)
        {
            // A line that is not complete JSON: a document spread over lines (or a broken first host; the reader says).
            return line.Trim((byte)' ').StartsWith("{\"host\""u8);
        }

        return false;
    }

    private static byte[] ReadRest(Stream stream, ReadOnlySpan<byte> prefix)
    {
        using var all = new MemoryStream();
        all.Write(prefix);
        stream.CopyTo(all);
        return all.ToArray();
    }
}
