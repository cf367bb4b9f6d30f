using System.Globalization;
using System.Text.RegularExpressions;

namespace CpuCompat.Language.Emit;

/// <summary>How single values are spelt in DSL text: names (bare or quoted), strings, hex numbers, bit lists.</summary>
internal static partial class DslText
{
    /// <summary>
    /// A name as the lexer reads it back: bare when it lexes as one NAME, NUMBER or keyword token with the same
    /// text (the grammar takes all three as a name), quoted otherwise. In a feature's alias list a bare
    /// <c>alias</c> or <c>nonmigratable</c> would start the next option, so there they are quoted too.
    /// </summary>
    public static string Name(string name, bool inAliasList = false)
    {
        var bare = (NameToken().IsMatch(name) && !HexToken().IsMatch(name)) || DecimalToken().IsMatch(name);
        if (inAliasList && name is "alias" or "nonmigratable")
        {
            bare = false;
        }

        return bare ? name : Quote(name);
    }

    /// <summary>A string literal; only <c>"</c> and <c>\</c> need escapes. Line breaks cannot be written.</summary>
    public static string Quote(string text)
    {
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"DSL strings and names cannot contain line breaks: \"{text.ReplaceLineEndings(" ")}\".", nameof(text));
        }

        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    public static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Decimal(uint value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Set bits as a list: single bits and pairs listed (<c>4,5</c>), runs of three or more as ranges (<c>0-2</c>).</summary>
    public static string BitList(uint mask)
    {
        var parts = new List<string>();
        var bit = 0;
        while (bit < 32)
        {
            if ((mask & (1u << bit)) == 0)
            {
                bit++;
                continue;
            }

            var end = bit;
            while (end + 1 < 32 && (mask & (1u << (end + 1))) != 0)
            {
                end++;
            }

            parts.Add(end - bit >= 2 ? $"{bit}-{end}" : end == bit ? $"{bit}" : $"{bit},{end}");
            bit = end + 1;
        }

        return string.Join(",", parts);
    }

    // Mirrors the NAME, HEX and NUMBER lexer rules of grammar/CpuCompat.g4 (a test checks them against the lexer).
    [GeneratedRegex(@"^([0-9][0-9.+\-]*)?[A-Za-z_]([A-Za-z0-9_.+\-]*[A-Za-z0-9_+])?\z")]
    private static partial Regex NameToken();

    [GeneratedRegex(@"^0[xX][0-9a-fA-F]+\z")]
    private static partial Regex HexToken();

    [GeneratedRegex(@"^[0-9]+\z")]
    private static partial Regex DecimalToken();
}
