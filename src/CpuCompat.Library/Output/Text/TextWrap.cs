using System.Text;

namespace CpuCompat.Output.Text;

/// <summary>Wraps comma-separated lists for terminal output.</summary>
public static class TextWrap
{
    /// <summary>
    /// Joins <paramref name="items"/> with ", " into lines of at most <paramref name="width"/> characters; lines
    /// after the first start with <paramref name="indent"/> spaces.
    /// </summary>
    public static string Join(IEnumerable<string> items, int indent, int width = 100)
    {
        var text = new StringBuilder();
        var line = indent;
        var first = true;
        foreach (var item in items)
        {
            var piece = first ? item : ", " + item;
            if (!first && line + piece.Length > width)
            {
                text.Append(",\n").Append(' ', indent);
                line = indent;
                piece = item;
            }

            text.Append(piece);
            line += piece.Length;
            first = false;
        }

        return text.ToString();
    }

    /// <summary>A sentence broken between words into lines of at most <paramref name="width"/> characters, as <see cref="Join"/> does.</summary>
    public static string Words(string sentence, int indent, int width = 100)
    {
        var text = new StringBuilder();
        var line = indent;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line > indent && line + 1 + word.Length > width)
            {
                text.Append('\n').Append(' ', indent);
                line = indent;
            }
            else if (line > indent)
            {
                text.Append(' ');
                line++;
            }

            text.Append(word);
            line += word.Length;
        }

        return text.ToString();
    }
}
