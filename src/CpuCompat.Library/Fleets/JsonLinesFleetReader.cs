using System.Buffers;
using System.Text;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Inputs;

namespace CpuCompat.Fleets;

/// <summary>
/// A fleet in JSON Lines, one host a line: <c>{"host": "h1", "cpu": "&lt;cpu&gt;…&lt;/cpu&gt; or a dump's text",
/// "labels": {"cluster": "east"}}</c>. The input streams through one buffer that is reused line after line (fresh
/// memory is slow to touch on these machines, and a 100,000-host file should cost the memory of its names and labels,
/// not of its text); a line is parsed with <see cref="Utf8JsonReader"/> in place, and the CPU text is handed on as the
/// escaped bytes it is, unescaped only when the builder meets a CPU it has not seen.
/// </summary>
internal static class JsonLinesFleetReader
{
    /// <summary>The longest line accepted: a CPU definition or dump is a few kilobytes; 16 MiB is far beyond any.</summary>
    public const int MaxLine = 16 << 20;

    private const int Chunk = 1 << 20;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    public static void Read(Stream stream, FleetBuilder builder, ReadOnlySpan<byte> prefix, IProgress<long>? progress)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Chunk, prefix.Length));
        try
        {
            prefix.CopyTo(buffer);
            int start = 0, filled = prefix.Length, line = 0;
            long consumed = 0;
            var eof = false;
            var skipping = false;
            var scratch = new byte[4096];
            var labelSets = new LabelSets(builder);
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    // Move the partial line to the front and read more; grow only for a line longer than the buffer.
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                        filled -= start;
                        start = 0;
                    }

                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= MaxLine)
                        {
                            builder.Problem(line + 1, null, $"the line is longer than {MaxLine >> 20} MiB");
                            skipping = true;
                            filled = 0;
                        }
                        else
                        {
                            PooledBuffer.Grow(ref buffer, filled);
                        }
                    }

                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    eof = read == 0;
                    filled += read;
                    consumed += read;
                    progress?.Report(consumed);
                    continue;
                }

                var end = newline < 0 ? filled : start + newline;
                if (end == start && newline < 0)
                {
                    break;
                }

                line++;
                if (!skipping)
                {
                    Line(buffer.AsSpan(start, end - start), line, builder, labelSets, ref scratch);
                }

                skipping = false;
                start = newline < 0 ? filled : end + 1;
                if (newline < 0)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Line(ReadOnlySpan<byte> text, int line, FleetBuilder builder, LabelSets labelSets, ref byte[] scratch)
    {
        if (text.Length > 0 && text[^1] == (byte)'\r')
        {
            text = text[..^1];
        }

        if (text.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        // The CPU text is nearly all of a line. Validating it with the JSON reader on every line costs more than all the
        // rest of the work: find its bounds with a vectorised scan, validate the rest of the line (with an empty "cpu"),
        // and let only a CPU never seen before be unescaped, which validates it.
        if (CpuValue(text) is var (start, end) && end - start > 64)
        {
            var length = text.Length - (end - start);
            if (scratch.Length < length)
            {
                scratch = new byte[Math.Max(length, scratch.Length * 2)];
            }

            text[..start].CopyTo(scratch);
            text[end..].CopyTo(scratch.AsSpan(start));
            Parse(scratch.AsSpan(0, length), text[start..end], line, builder, labelSets);
            return;
        }

        Parse(text, default, line, builder, labelSets);
    }

    /// <summary>
    /// The bounds of the top-level <c>"cpu"</c> string's content, found without validating it: keys and values are
    /// skipped by their quotes, brackets and escapes only. Null when there is none or the line is not an object.
    /// </summary>
    private static (int Start, int End)? CpuValue(ReadOnlySpan<byte> text)
    {
        var i = Skip(text, 0);
        if (i >= text.Length || text[i] != (byte)'{')
        {
            return null;
        }

        i++;
        while (true)
        {
            i = Skip(text, i);
            if (i >= text.Length || text[i] != (byte)'"')
            {
                return null;
            }

            var keyEnd = StringEnd(text, i + 1);
            if (keyEnd < 0)
            {
                return null;
            }

            var isCpu = text[(i + 1)..keyEnd].SequenceEqual("cpu"u8);
            i = Skip(text, keyEnd + 1);
            if (i >= text.Length || text[i] != (byte)':')
            {
                return null;
            }

            i = Skip(text, i + 1);
            if (i >= text.Length)
            {
                return null;
            }

            if (text[i] == (byte)'"')
            {
                var end = StringEnd(text, i + 1);
                if (end < 0)
                {
                    return null;
                }

                if (isCpu)
                {
                    return (i + 1, end);
                }

                i = end + 1;
            }
            else
            {
                i = ValueEnd(text, i);
                if (i < 0)
                {
                    return null;
                }
            }

            i = Skip(text, i);
            if (i >= text.Length || text[i] != (byte)',')
            {
                return null;
            }

            i++;
        }
    }

    /// <summary>The index of the quote that ends a string whose content starts at <paramref name="from"/>, or -1.</summary>
    /// <remarks>
    /// Searches for quotes only: a CPU's text is full of <c>\n</c> escapes, and stopping at every backslash would make
    /// the scan crawl. A quote is escaped when an odd number of backslashes precede it.
    /// </remarks>
    private static int StringEnd(ReadOnlySpan<byte> text, int from)
    {
        var i = from;
        while (i < text.Length)
        {
            var next = text[i..].IndexOf((byte)'"');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            var backslashes = 0;
            while (i - backslashes - 1 >= from && text[i - backslashes - 1] == (byte)'\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    /// <summary>The index after a non-string value (a number, literal, object or array), or -1.</summary>
    private static int ValueEnd(ReadOnlySpan<byte> text, int i)
    {
        var depth = 0;
        for (; i < text.Length; i++)
        {
            switch (text[i])
            {
                case (byte)'"':
                    i = StringEnd(text, i + 1);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (depth == 0)
                    {
                        return i;
                    }

                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case (byte)',' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    private static int Skip(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Reads one host's line with <see cref="Utf8JsonReader"/>. When <paramref name="cpuText"/> is given, the line was
    /// passed with an empty <c>"cpu"</c> and this is the value's escaped content.
    /// </summary>
    private static void Parse(ReadOnlySpan<byte> text, ReadOnlySpan<byte> cpuText, int line, FleetBuilder builder, LabelSets labelSets)
    {
        var bypassed = !cpuText.IsEmpty;
        string? host = null;
        try
        {
            var reader = new Utf8JsonReader(text, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                builder.Problem(line, null, "expected a JSON object: {\"host\": NAME, \"cpu\": TEXT, \"labels\": {...}}");
                return;
            }

            ReadOnlySpan<byte> cpu = default;
            var hasCpu = false;
            var labels = HostLabels.Empty;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.ValueTextEquals("host"u8) ? 1 : reader.ValueTextEquals("cpu"u8) ? 2 : reader.ValueTextEquals("labels"u8) ? 3 : 0;
                reader.Read();
                switch (property)
                {
                    case 1 when reader.TokenType == JsonTokenType.String:
                        host = reader.GetString();
                        break;
                    case 2 when reader.TokenType == JsonTokenType.String:
                        cpu = bypassed ? cpuText : reader.ValueSpan;
                        hasCpu = true;
                        break;
                    case 3 when reader.TokenType == JsonTokenType.StartObject:
                        var from = (int)reader.TokenStartIndex;
                        reader.Skip();
                        labels = labelSets.Of(text[from..(int)reader.BytesConsumed]);
                        break;
                    case 1 or 2 or 3:
                        builder.Problem(line, host, $"\"{(property == 1 ? "host" : property == 2 ? "cpu" : "labels")}\" must be a {(property == 3 ? "JSON object of names and values" : "string")}");
                        return;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                builder.Problem(line, host, "expected one JSON object on the line");
                return;
            }

            if (host is null || !hasCpu)
            {
                builder.Problem(line, host, host is null ? "no \"host\" name" : "no \"cpu\"");
                return;
            }

            builder.Add(host, Canonical(cpu), Unescape, labels, line);
        }
        catch (JsonException e)
        {
            builder.Problem(line, host, $"not valid JSON ({JsonMessages.Clean(e.Message)})");
        }
    }

    /// <summary>
    /// The label sets met so far, by the bytes of their JSON object: hosts of one rack or cluster have the same labels
    /// written the same way, so a line's labels usually cost one hash and one comparison, not strings and a lookup.
    /// </summary>
    private sealed class LabelSets(FleetBuilder builder)
    {
        private readonly Dictionary<UInt128, (byte[] Text, HostLabels Labels)> _byText = [];
        private readonly List<KeyValuePair<string, string>> _pairs = [];

        /// <summary>The labels of a JSON object the reader has already validated.</summary>
        public HostLabels Of(ReadOnlySpan<byte> json)
        {
            var hash = System.IO.Hashing.XxHash128.HashToUInt128(json);
            if (_byText.TryGetValue(hash, out var known) && json.SequenceEqual(known.Text))
            {
                return known.Labels;
            }

            _pairs.Clear();
            var reader = new Utf8JsonReader(json, Options);
            reader.Read();
            ReadLabels(ref reader, _pairs);
            var labels = builder.Intern(_pairs);
            _byText.TryAdd(hash, (json.ToArray(), labels));
            return labels;
        }
    }

    private static void ReadLabels(ref Utf8JsonReader reader, List<KeyValuePair<string, string>> labels)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Pooled(ref reader);
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.String => Pooled(ref reader),
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => StringPool.Shared.GetOrAdd(reader.ValueSpan, Encoding.UTF8),
                JsonTokenType.Null => "",
                _ => throw new JsonException("a label's value must be a string, number or boolean"),
            };
            labels.Add(new(key, value));
        }
    }

    /// <summary>A string token as a pooled string: label names and values repeat across hosts.</summary>
    private static string Pooled(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? StringPool.Shared.GetOrAdd(reader.GetString()!) : StringPool.Shared.GetOrAdd(reader.ValueSpan, Encoding.UTF8);

    /// <summary>
    /// The escaped bytes of a CPU in one spelling, so that the same CPU written by two JSON writers is one kind: only
    /// <c>\uXXXX</c> and <c>\/</c> give a character a second spelling (Go and .NET write <c>&lt;</c> as <c>\u003c</c>),
    /// so a value without them is kept as it is, and one with them is unescaped and escaped again the short way.
    /// </summary>
    private static ReadOnlySpan<byte> Canonical(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf("\\u"u8) < 0 && escaped.IndexOf("\\/"u8) < 0)
        {
            return escaped;
        }

        var text = new StringBuilder(escaped.Length);
        foreach (var c in Unescape(escaped))
        {
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:x4}",
                _ => null,
            };
            _ = escape is null ? text.Append(c) : text.Append(escape);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The text of a JSON string's escaped bytes (what <see cref="Utf8JsonReader.ValueSpan"/> gave).</summary>
    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var quoted = new byte[escaped.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        escaped.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }
}
