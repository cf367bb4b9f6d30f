using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace CpuCompat.Language.Parsing;

/// <summary>How syntax messages show a token that was found and the tokens that were expected.</summary>
internal static class TokenDisplay
{
    // Longer token text (a runaway unterminated string) is cut so the message stays one readable line.
    private const int MaxShownLength = 32;

    public static string Found(IToken token)
    {
        if (token.Type == TokenConstants.EOF)
        {
            return "end of file";
        }

        var text = token.Text ?? "";
        return Quote(text.Length > MaxShownLength ? text[..MaxShownLength] + "..." : text);
    }

    /// <summary>Control characters become escapes so a message never breaks the one-line diagnostic format.</summary>
    public static string Quote(string text) => "'" + CpuCompat.Core.Diagnostics.Printable.Escape(text) + "'";

    /// <summary>
    /// "';', ',' or a name". Every keyword can be a name, so where a name is expected the keywords, numbers and
    /// strings are summed up as "a name" instead of listing 40 words.
    /// </summary>
    public static string Expected(IntervalSet set, IVocabulary vocabulary)
    {
        var types = set.ToList();
        var nameExpected = types.Contains(DslParser.NameToken);
        var parts = new List<string>();
        var tail = new List<string>();
        foreach (var type in types)
        {
            var literal = vocabulary.GetLiteralName(type);
            var isKeyword = literal is not null && literal.Length > 2 && literal[1..^1].All(char.IsAsciiLetterLower);
            if (type == TokenConstants.EOF)
            {
                tail.Add("end of file");
            }
            else if (nameExpected && (isKeyword || DslParser.IsNameLike(type)))
            {
                continue;
            }
            else if (DslParser.IsNumber(type))
            {
                AddOnce(tail, "a number");
            }
            else if (DslParser.IsString(type))
            {
                AddOnce(tail, "a string");
            }
            else if (literal is not null)
            {
                parts.Add(literal);
            }
            else
            {
                parts.Add(vocabulary.GetDisplayName(type));
            }
        }

        if (nameExpected)
        {
            tail.Insert(0, "a name");
        }

        parts.AddRange(tail);
        return parts.Count switch
        {
            0 => "something else",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " or " + parts[^1],
        };
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
