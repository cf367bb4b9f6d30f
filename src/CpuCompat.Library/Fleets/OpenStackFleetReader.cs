using System.Text;
using System.Text.Json;
using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Fleets;

/// <summary>
/// A fleet from OpenStack's hypervisor records (see <see cref="OpenStackHypervisor"/>) in the shapes the compute API
/// and its client give them: <c>{"hypervisors": [...]}</c> of <c>os-hypervisors/detail</c>, <c>{"hypervisor": {...}}</c>
/// of <c>os-hypervisors/ID</c>, one record as <c>openstack hypervisor show -f json</c> prints it, a JSON list of records,
/// or several such documents one after the other (a loop over <c>openstack hypervisor show</c>). Each record's host
/// is named with the line its record starts on, so every problem says where it is.
/// </summary>
internal static class OpenStackFleetReader
{
    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true, MaxDepth = 64 };
    private static readonly byte[] Hypervisors = "hypervisors"u8.ToArray();
    private static readonly byte[] Hypervisor = "hypervisor"u8.ToArray();
    private static readonly byte[] HostName = "hypervisor_hostname"u8.ToArray();

    /// <summary>Whether the document's first value is hypervisor records: a wrapper, a record or a list of records.</summary>
    public static bool IsHypervisors(ReadOnlySpan<byte> document)
    {
        try
        {
            var reader = new Utf8JsonReader(document, Options);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartArray && (!reader.Read() || reader.TokenType != JsonTokenType.StartObject))
            {
                return false;
            }

            return reader.TokenType == JsonTokenType.StartObject && FindMember(reader, Hypervisors, Hypervisor, HostName) is not null;
        }
        catch (JsonException)
        {
            // Broken before its first record is known: hypervisor records still, if it names their members, so that
            // the error is this reader's, with its line.
            return document.IndexOf("\"hypervisor_hostname\""u8) >= 0 || document.IndexOf("\"hypervisors\""u8) >= 0;
        }
    }

    /// <summary>Reads every record into <paramref name="builder"/>; an error when the document is not well-formed JSON.</summary>
    public static Outcome<Unit> Read(byte[] document, FleetBuilder builder, LibvirtGeneration generation)
    {
        var lines = new LineCounter(document);
        var reader = new Utf8JsonReader(document, Options);
        try
        {
            while (reader.Read())
            {
                Value(ref reader, builder, generation, lines);
            }
        }
        catch (JsonException e)
        {
            // The reader's own position: its line numbers count from 0.
            return Errors.Invalid($"{builder.Source}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {JsonMessages.Clean(e.Message)}");
        }

        return default(Unit);
    }

    /// <summary>One top-level value: a list of records, a wrapper of the compute API, or a record.</summary>
    private static void Value(ref Utf8JsonReader reader, FleetBuilder builder, LibvirtGeneration generation, LineCounter lines)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            Records(ref reader, builder, generation, lines);
            return;
        }

        var wrapper = reader.TokenType == JsonTokenType.StartObject ? FindMember(reader, Hypervisors, Hypervisor) : null;
        if (wrapper is null)
        {
            Record(ref reader, builder, generation, lines);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals(wrapper);
            reader.Read();
            if (member && reader.TokenType == JsonTokenType.StartArray)
            {
                Records(ref reader, builder, generation, lines);
            }
            else if (member)
            {
                Record(ref reader, builder, generation, lines);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void Records(ref Utf8JsonReader reader, FleetBuilder builder, LibvirtGeneration generation, LineCounter lines)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Record(ref reader, builder, generation, lines);
        }
    }

    private static void Record(ref Utf8JsonReader reader, FleetBuilder builder, LibvirtGeneration generation, LineCounter lines)
    {
        var line = lines.At(reader.TokenStartIndex);
        using var record = JsonDocument.ParseValue(ref reader);
        if (OpenStackHypervisor.Of(record.RootElement, generation, out var reason) is not { } host)
        {
            builder.Problem(line, null, reason);
            return;
        }

        if (!host.Cpu.TryGetValue(out var cpu))
        {
            builder.Problem(line, host.Name, host.Cpu.Error!.Message);
            return;
        }

        builder.Add(host.Name, Encoding.UTF8.GetBytes(cpu), c => Encoding.UTF8.GetString(c), host.Labels, line);
    }

    /// <summary>Which of <paramref name="names"/> the object starting at the reader's token has as a member (the first found), or null.</summary>
    private static byte[]? FindMember(Utf8JsonReader probe, params ReadOnlySpan<byte[]> names)
    {
        // The reader is a copy: looking ahead leaves the caller's where it was.
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            foreach (var name in names)
            {
                if (probe.ValueTextEquals(name))
                {
                    return name;
                }
            }

            probe.Read();
            probe.Skip();
        }

        return null;
    }

    /// <summary>Line numbers of byte offsets, counted forward as the records come (each offset at least the last).</summary>
    private sealed class LineCounter(byte[] text)
    {
        private long _offset;
        private int _line = 1;

        public int At(long offset)
        {
            _line += text.AsSpan((int)_offset, (int)(offset - _offset)).Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
