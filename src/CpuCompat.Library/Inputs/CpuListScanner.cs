using System.Buffers;

namespace CpuCompat.Inputs;

/// <summary>
/// Finds the top-level <c>&lt;cpu&gt;</c> elements of a plain CPU list (what <c>virsh cpu-baseline</c> is given for a
/// fleet: one element a host, one after the other) by their tags alone, streaming the input through one reused
/// buffer, so that identical hosts can be grouped before any XML is parsed.
/// </summary>
/// <remarks>
/// This is not an XML parser and does not need to be one: it only cuts the text where a real parser would find the
/// elements, and every element it hands on is then parsed in full. Anything that is not a plain list (another root
/// element, text, a DOCTYPE, a <c>&lt;cpu&gt;</c> inside a <c>&lt;cpu&gt;</c>) makes it give up, and the caller reads
/// the file the ordinary way. A cut in the wrong place (an end tag inside a comment or CDATA section) leaves an
/// element that is not well-formed, which the full parse then rejects, with the same fallback.
/// </remarks>
internal static class CpuListScanner
{
    /// <summary>The largest element accepted: a CPU definition is a few kilobytes.</summary>
    public const int MaxElement = 16 << 20;

    private const int Chunk = 1 << 20;

    /// <summary>Receives each element's bytes (only valid during the call) and the line its start tag is on.</summary>
    public delegate void ElementHandler(ReadOnlySpan<byte> element, int line);

    /// <summary>Hands every top-level <c>&lt;cpu&gt;</c> element to <paramref name="handler"/>; false when the input is not a plain CPU list.</summary>
    public static bool TryScan(Stream stream, ElementHandler handler, IProgress<long>? progress)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            int start = 0, filled = 0;
            long consumed = 0;
            var eof = false;
            var first = true;
            var elements = 0;
            var line = 1;
            while (true)
            {
                var (status, begin, end) = Next(buffer.AsSpan(start, filled - start), first && start == 0);
                if (status == Status.Element || status == Status.Skipped)
                {
                    if (status == Status.Element)
                    {
                        line += buffer.AsSpan(start, begin).Count((byte)'\n');
                        handler(buffer.AsSpan(start + begin, end - begin), line);
                        line += buffer.AsSpan(start + begin, end - begin).Count((byte)'\n');
                        elements++;
                    }
                    else
                    {
                        line += buffer.AsSpan(start, end).Count((byte)'\n');
                    }

                    first = false;
                    start += end;
                    continue;
                }

                if (status == Status.NotAList)
                {
                    return false;
                }

                // Status.NeedMore: at the end of the input only blank space may remain.
                if (eof)
                {
                    return elements > 0 && buffer.AsSpan(start, filled - start).Trim(" \t\r\n"u8).IsEmpty;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                    start = 0;
                }

                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxElement)
                    {
                        return false;
                    }

                    PooledBuffer.Grow(ref buffer, filled);
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                eof = read == 0;
                filled += read;
                consumed += read;
                progress?.Report(consumed);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum Status
    {
        /// <summary>A <c>&lt;cpu&gt;</c> element lies between the returned offsets.</summary>
        Element,

        /// <summary>A comment, or the XML declaration and byte order mark, ends at the returned end offset.</summary>
        Skipped,

        /// <summary>The text so far is incomplete.</summary>
        NeedMore,

        /// <summary>Something other than a <c>&lt;cpu&gt;</c> element, a comment or blank space.</summary>
        NotAList,
    }

    private static (Status Status, int Begin, int End) Next(ReadOnlySpan<byte> text, bool atStart)
    {
        var i = 0;
        if (atStart)
        {
            var prolog = Prolog(text);
            if (prolog != 0)
            {
                return prolog < 0 ? (Status.NeedMore, 0, 0) : (Status.Skipped, 0, prolog);
            }
        }

        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (text.Length - i < 9)
        {
            return (Status.NeedMore, 0, 0);
        }

        var rest = text[i..];
        if (rest.StartsWith("<!--"u8))
        {
            var commentEnd = rest.IndexOf("-->"u8);
            return commentEnd < 0 ? (Status.NeedMore, 0, 0) : (Status.Skipped, 0, i + commentEnd + 3);
        }

        if (!rest.StartsWith("<cpu"u8) || !IsNameEnd(rest[4]))
        {
            return (Status.NotAList, 0, 0);
        }

        var tagEnd = StartTagEnd(rest);
        if (tagEnd < 0)
        {
            return (Status.NeedMore, 0, 0);
        }

        if (rest[tagEnd - 1] == (byte)'/')
        {
            return (Status.Element, i, i + tagEnd + 1);
        }

        var content = rest[(tagEnd + 1)..];
        var close = content.IndexOf("</cpu"u8);
        if (close < 0)
        {
            return content.Length > MaxElement ? (Status.NotAList, 0, 0) : (Status.NeedMore, 0, 0);
        }

        for (var inner = content[..close]; inner.IndexOf("<cpu"u8) is var nested and >= 0; inner = inner[(nested + 4)..])
        {
            if (IsNameEnd(content[close - inner.Length + nested + 4]))
            {
                return (Status.NotAList, 0, 0);
            }
        }

        var after = close + 5;
        while (after < content.Length && content[after] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            after++;
        }

        if (after >= content.Length)
        {
            return (Status.NeedMore, 0, 0);
        }

        return content[after] == (byte)'>' ? (Status.Element, i, i + tagEnd + 1 + after + 1) : (Status.NotAList, 0, 0);
    }

    /// <summary>The length of a byte order mark and XML declaration at the start, 0 without one, -1 when incomplete.</summary>
    private static int Prolog(ReadOnlySpan<byte> text)
    {
        var bom = text.StartsWith("\uFEFF"u8) ? 3 : 0;
        var rest = text[bom..];
        if (rest.Length < 6)
        {
            return rest.Length == 0 || "<?xml "u8.StartsWith(rest) ? -1 : bom;
        }

        if (!rest.StartsWith("<?xml"u8))
        {
            return bom;
        }

        var end = rest.IndexOf("?>"u8);
        return end < 0 ? -1 : bom + end + 2;
    }

    /// <summary>The index of the <c>&gt;</c> that ends the start tag at the beginning of <paramref name="text"/>, or -1.</summary>
    private static int StartTagEnd(ReadOnlySpan<byte> text)
    {
        byte quote = 0;
        for (var i = 4; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != 0)
            {
                quote = c == quote ? (byte)0 : quote;
            }
            else if (c is (byte)'"' or (byte)'\'')
            {
                quote = c;
            }
            else if (c == (byte)'>')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsNameEnd(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/';
}
