using System.Globalization;
using System.Text;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Syntax;

/// <summary>Reads number and string token text into values, reporting what does not fit.</summary>
internal static class Literals
{
    /// <summary>Decimal or <c>0x</c> hexadecimal, as an unsigned 32-bit value; null (and a diagnostic) when larger.</summary>
    public static uint? Number(string text, SourceSpan span, DiagnosticBag diagnostics)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var ok = hex
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            diagnostics.Add(SyntaxDiagnostics.TooLarge(span, text));
            return null;
        }

        return value;
    }

    /// <summary>
    /// The text between the quotes with <c>\"</c> and <c>\\</c> resolved. An unterminated string (no closing quote
    /// on its line) is reported and read up to the line end, so the statement around it can still be checked.
    /// </summary>
    public static string String(string token, bool terminated, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (!terminated)
        {
            diagnostics.Add(SyntaxDiagnostics.Unterminated(span));
        }

        var end = terminated ? token.Length - 1 : token.Length;
        var builder = new StringBuilder(end);
        for (var i = 1; i < end; i++)
        {
            var c = token[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= end)
            {
                // A lone backslash before the line end of an unterminated string: already reported.
                break;
            }

            var next = token[++i];
            if (next is not ('"' or '\\'))
            {
                diagnostics.Add(SyntaxDiagnostics.BadEscape(span with { Column = span.Column + i - 1 }, "\\" + next));
            }

            builder.Append(next);
        }

        return builder.ToString();
    }
}
