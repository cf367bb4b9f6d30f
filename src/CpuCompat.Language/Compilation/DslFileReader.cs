using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Compilation;

/// <summary>
/// Reads one DSL file as text, refusing what is no DSL before any parsing: a file past the size limit (found while
/// reading, so a 100 MB file or an endless device costs one buffer, not its size), bytes that are not UTF-8 or are
/// control characters (binary data), a line past the line limit. The limits are far above anything real: the
/// largest file of the shipped database is under 20 KB and its longest line under 140 characters.
/// </summary>
internal static class DslFileReader
{
    public const int MaxFileBytes = 1 << 20;

    public const int MaxLineBytes = 4096;

    // Control characters no text editor writes into a source file (tab, line feed, form feed, carriage return are fine).
    private static readonly SearchValues<byte> BinaryBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    /// <summary>The file's text, or null after adding the one diagnostic that says why it is not DSL text.</summary>
    public static string? Read(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            bytes = ReadAtMost(stream, MaxFileBytes + 1);
        }

        if (bytes.Length > MaxFileBytes)
        {
            diagnostics.Add(SyntaxDiagnostics.TooLarge(SourceSpan.None(path), MaxFileBytes));
            return null;
        }

        ReadOnlySpan<byte> text = bytes;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        if (Problem(text) is var (offset, what))
        {
            diagnostics.Add(what is null
                ? SyntaxDiagnostics.LongLine(At(path, text, offset), MaxLineBytes)
                : SyntaxDiagnostics.Binary(At(path, text, offset), what));
            return null;
        }

        return Encoding.UTF8.GetString(text);
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        var buffer = new byte[Math.Min(limit, 64 * 1024)];
        var filled = 0;
        while (filled < limit)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return buffer.AsSpan(0, filled).ToArray();
    }

    /// <summary>Where the first problem is: a binary byte or invalid UTF-8 (with what it is), or a long line (null).</summary>
    private static (int Offset, string? What)? Problem(ReadOnlySpan<byte> text)
    {
        var binary = text.IndexOfAny(BinaryBytes);
        var checkedLength = binary < 0 ? text.Length : binary;
        Span<char> scratch = stackalloc char[1024];
        for (var at = 0; at < checkedLength;)
        {
            var status = Utf8.ToUtf16(text[at..checkedLength], scratch, out var read, out _, replaceInvalidSequences: false);
            at += read;
            if (status == OperationStatus.InvalidData)
            {
                return LongLineBefore(text, at) ?? (at, $"byte 0x{text[at]:x2} is not UTF-8");
            }
        }

        if (binary >= 0)
        {
            return LongLineBefore(text, binary) ?? (binary, $"it holds the control character 0x{text[binary]:x2}");
        }

        return LongLineBefore(text, text.Length);
    }

    private static (int, string?)? LongLineBefore(ReadOnlySpan<byte> text, int end)
    {
        for (var start = 0; start < end;)
        {
            var newline = text[start..end].IndexOf((byte)'\n');
            var length = newline < 0 ? end - start : newline;
            if (length > MaxLineBytes)
            {
                return (start + MaxLineBytes, null);
            }

            if (newline < 0)
            {
                break;
            }

            start += newline + 1;
        }

        return null;
    }

    private static SourceSpan At(string path, ReadOnlySpan<byte> text, int offset)
    {
        var before = text[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new SourceSpan(path, line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
