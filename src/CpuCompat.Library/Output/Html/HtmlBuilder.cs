using System.Text;
using System.Text.Encodings.Web;

namespace CpuCompat.Output.Html;

/// <summary>
/// Writes HTML (and the SVG inside it) as text, escaping every text and attribute value it is given; only the page's
/// own constant style and script are written raw. Elements are opened and closed in order by the caller.
/// </summary>
public sealed class HtmlBuilder
{
    private readonly StringBuilder _text = new();

    public HtmlBuilder Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _text.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _text.Append(' ').Append(name).Append("=\"").Append(HtmlEncoder.Default.Encode(value)).Append('"');
            }
        }

        _text.Append('>');
        return this;
    }

    public HtmlBuilder Close(string tag)
    {
        _text.Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary>An element with text content and no children.</summary>
    public HtmlBuilder Element(string tag, string text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>A void element such as <c>rect</c>, written self-closed (inline SVG takes that form).</summary>
    public HtmlBuilder Empty(string tag, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        _text.Length--;
        _text.Append("/>\n");
        return this;
    }

    public HtmlBuilder Text(string text)
    {
        _text.Append(HtmlEncoder.Default.Encode(text));
        return this;
    }

    /// <summary>Markup the report itself owns (its style sheet and script), never text from the input.</summary>
    internal HtmlBuilder Trusted(string markup)
    {
        _text.Append(markup);
        return this;
    }

    public override string ToString() => _text.ToString();
}
