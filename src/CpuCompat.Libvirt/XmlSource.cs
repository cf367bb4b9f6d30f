using System.Xml;
using System.Xml.Linq;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt;

/// <summary>Loads XML text with line information and turns positions and parse failures into diagnostics.</summary>
internal static class XmlSource
{
    /// <summary>
    /// DTDs are accepted (libxml2 accepts them too) but nothing external is ever fetched, and entity expansion is
    /// bounded so a hostile file cannot blow up memory: 1 MB of expanded text is far beyond any real CPU file.
    /// </summary>
    public static XmlReaderSettings Settings(ConformanceLevel level) => new()
    {
        DtdProcessing = level == ConformanceLevel.Document ? DtdProcessing.Parse : DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1_000_000,
        ConformanceLevel = level,
        IgnoreWhitespace = false,
    };

    private const LoadOptions Options = LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace;

    /// <summary>Parses a whole document; on malformed XML returns null and the parser's complaint with its position.</summary>
    public static XDocument? Load(string text, string file, out Diagnostic? error)
    {
        error = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings(ConformanceLevel.Document));
            return XDocument.Load(reader, Options);
        }
        catch (XmlException e)
        {
            error = LibvirtDiagnostics.MalformedXml(new SourceSpan(file, e.LineNumber, e.LinePosition), e.Message);
            return null;
        }
    }

    /// <summary>
    /// Parses text that may hold any number of top-level elements (concatenated capabilities, several
    /// <c>&lt;cpu&gt;</c> elements), the way virsh reads such files: an XML declaration at the very start is dropped
    /// and everything else must be well-formed content.
    /// </summary>
    public static List<XElement>? LoadFragment(string text, string file, out Diagnostic? error)
    {
        error = null;

        // virsh strips a leading "<?xml ... ?>"; blanking it keeps every later line and column where it was.
        if (text.StartsWith("<?xml", StringComparison.Ordinal) && text.IndexOf("?>", StringComparison.Ordinal) is var end and > 0)
        {
            text = string.Create(text.Length, (text, end), static (span, state) =>
            {
                state.text.AsSpan().CopyTo(span);
                for (var i = 0; i < state.end + 2; i++)
                {
                    if (span[i] is not ('\n' or '\r'))
                    {
                        span[i] = ' ';
                    }
                }
            });
        }

        var elements = new List<XElement>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings(ConformanceLevel.Fragment));
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    // A subtree reader ends where the element ends (XElement.Load insists on reaching the end) and
                    // passes the outer reader's line information through; the outer reader then sits on the element's end.
                    using (var subtree = reader.ReadSubtree())
                    {
                        elements.Add(XElement.Load(subtree, Options));
                    }
                }

                reader.Read();
            }

            return elements;
        }
        catch (XmlException e)
        {
            error = LibvirtDiagnostics.MalformedXml(new SourceSpan(file, e.LineNumber, e.LinePosition), e.Message);
            return null;
        }
    }

    /// <summary>Where a node starts: an element at its <c>&lt;</c>, an attribute at its name.</summary>
    public static SourceSpan SpanOf(XObject? node, string file)
    {
        if (node is IXmlLineInfo info && info.HasLineInfo())
        {
            var column = node is XElement ? Math.Max(1, info.LinePosition - 1) : info.LinePosition;
            return new SourceSpan(file, info.LineNumber, column);
        }

        return SourceSpan.None(file);
    }

    /// <summary>The first child element with this name, as XPath <c>./name[1]</c> finds it.</summary>
    public static XElement? First(this XElement parent, string name)
    {
        foreach (var e in parent.Elements())
        {
            if (e.Name.LocalName == name && e.Name.NamespaceName.Length == 0)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>The child elements with this name in document order (XPath <c>./name</c>).</summary>
    public static IEnumerable<XElement> Children(this XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name && e.Name.NamespaceName.Length == 0);

    /// <summary>Whether an element has this unqualified name.</summary>
    public static bool Is(this XElement element, string name) => element.Name.LocalName == name && element.Name.NamespaceName.Length == 0;
}
