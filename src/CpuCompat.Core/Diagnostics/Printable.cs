using System.Globalization;
using System.Text;

namespace CpuCompat.Core.Diagnostics;

/// <summary>
/// Makes text taken from input safe to echo on a terminal or in a one-line diagnostic: control characters (C0, DEL,
/// C1), invisible format characters (bidirectional overrides that reorder what a reader sees) and lone surrogates
/// become <c>\uXXXX</c>; a tab stays. Every message that quotes input goes through here, so no input can move the
/// cursor, recolour the terminal or split one diagnostic into two lines.
/// </summary>
public static class Printable
{
    public static string Escape(string text)
    {
        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char c) =>
        c != '\t' && (c < ' ' || (c >= '\u007f' && (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)));
}
