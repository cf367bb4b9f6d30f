using System.Globalization;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Text;

/// <summary>One line of an input text: its 1-based number and its content without the line break.</summary>
internal readonly record struct TextLine(int Number, string Content);

/// <summary>Splits text into numbered lines (LF, CRLF or CR) and parses the hexadecimal numbers dumps use.</summary>
internal static class TextLines
{
    public static List<TextLine> Split(string text)
    {
        var lines = new List<TextLine>();
        var start = 0;
        var number = 1;

        // A byte order mark is not content: it would otherwise hide the first line's keyword.
        if (text.StartsWith('\uFEFF'))
        {
            start = 1;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(new TextLine(number++, text[start..i]));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(new TextLine(number, text[start..]));
        }

        return lines;
    }

    /// <summary>Parses hexadecimal digits (an optional <c>0x</c> prefix allowed) into 32 bits; false on anything else or overflow.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> text, out uint value)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        return uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && text.Length > 0;
    }

    /// <summary>The 1-based column of the first non-blank character (1 for a blank line).</summary>
    public static int FirstColumn(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (!char.IsWhiteSpace(line[i]))
            {
                return i + 1;
            }
        }

        return 1;
    }
}
