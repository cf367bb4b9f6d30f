using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CpuCompat.Libvirt.Xml.Elements;

/// <summary>Builds <see cref="ElementNode"/> trees from an <see cref="XmlReader"/> or from LINQ to XML.</summary>
internal sealed class ElementNodeReader
{
    /// <summary>
    /// As deep as the guarded reader lets a document go; checked here too because this reader recurses, so even a
    /// reader without the guard cannot exhaust the stack.
    /// </summary>
    public const int MaxDepth = XmlLimits.MaxDepth;

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly List<StringBuilder> _text = [];
    private readonly char[] _chunk = new char[1024];

    /// <summary>
    /// Reads the element the reader is on, with everything inside it, and leaves the reader on the node after its end.
    /// Text, CDATA and whitespace count towards <see cref="ElementNode.Value"/>; comments and processing instructions do not.
    /// </summary>
    public ElementNode Read(XmlReader reader) => Read(reader, 0);

    private ElementNode Read(XmlReader reader, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new XmlException($"elements are nested more than {MaxDepth} deep", null, LineOf(reader), PositionOf(reader));
        }

        var line = reader as IXmlLineInfo;
        var node = new ElementNode(reader.LocalName, reader.NamespaceURI, line?.LineNumber ?? 0, Math.Max(1, (line?.LinePosition ?? 2) - 1));
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                // LINQ to XML names a default namespace declaration plain "xmlns"; do the same.
                var ns = reader.NamespaceURI == XmlnsNamespace && reader.Prefix.Length == 0 ? "" : reader.NamespaceURI;
                node.Add(new AttributeNode(reader.LocalName, ns, reader.Value, node.LocalName, line?.LineNumber ?? 0, line?.LinePosition ?? 0));
            }

            reader.MoveToElement();
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
            return node;
        }

        reader.Read();
        var text = TextAt(depth);
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var child = Read(reader, depth + 1);
                    node.Add(child);
                    text.Append(child.Value);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // Copied in chunks rather than taken as a string: the blank space between a CPU's lines would
                    // otherwise cost a string each.
                    for (int n; (n = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0;)
                    {
                        text.Append(_chunk, 0, n);
                    }

                    reader.Read();
                    break;
                case XmlNodeType.None:
                    throw new XmlException("unexpected end of input", null, LineOf(reader), PositionOf(reader));
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        node.Value = text.Length == 0 ? "" : text.ToString();
        return node;
    }

    /// <summary>The LINQ to XML element as a node tree (load it with line information for locations).</summary>
    public static ElementNode From(XElement element)
    {
        var line = (IXmlLineInfo)element;
        var node = new ElementNode(element.Name.LocalName, element.Name.NamespaceName, line.HasLineInfo() ? line.LineNumber : 0, Math.Max(1, line.LinePosition - 1));
        foreach (var a in element.Attributes())
        {
            var at = (IXmlLineInfo)a;
            node.Add(new AttributeNode(a.Name.LocalName, a.Name.NamespaceName, a.Value, node.LocalName, at.HasLineInfo() ? at.LineNumber : 0, at.LinePosition));
        }

        foreach (var child in element.Elements())
        {
            node.Add(From(child));
        }

        node.Value = element.Value;
        return node;
    }

    private StringBuilder TextAt(int depth)
    {
        while (_text.Count <= depth)
        {
            _text.Add(new StringBuilder());
        }

        return _text[depth].Clear();
    }

    private static int LineOf(XmlReader reader) => (reader as IXmlLineInfo)?.LineNumber ?? 0;

    private static int PositionOf(XmlReader reader) => (reader as IXmlLineInfo)?.LinePosition ?? 0;
}
