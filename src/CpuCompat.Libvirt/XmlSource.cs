using System.Xml;
using System.Xml.Linq;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Libvirt;

namespace CpuCompat.Libvirt;

/// <summary>Loads XML text with line information and turns positions and parse failures into diagnostics.</summary>
internal static class XmlSource
{
    /// <summary>
    /// No DTD is ever processed (a DOCTYPE is refused, so no entity is expanded and nothing external is fetched,
    /// as libvirt's documents never carry one), and nothing is resolved.
    /// </summary>
    private static XmlReaderSettings Settings(ConformanceLevel level) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        ConformanceLevel = level,
        IgnoreWhitespace = false,
    };

    private const LoadOptions Options = LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace;

    /// <summary>The one way CpuCompat reads XML: without DTDs and within <see cref="XmlLimits"/>, checked while reading.</summary>
    public static XmlReader CreateReader(TextReader text, ConformanceLevel level) =>
        new GuardedXmlReader(XmlReader.Create(text, Settings(level)));

    /// <inheritdoc cref="CreateReader(TextReader, ConformanceLevel)"/>
    public static XmlReader CreateReader(Stream bytes, ConformanceLevel level) =>
        new GuardedXmlReader(XmlReader.Create(bytes, Settings(level)));

    /// <summary>
    /// The diagnostic for a document the reader gave up on: a limit (<see cref="XmlRefusal"/>), a DOCTYPE (which the
    /// parser only calls prohibited, so it is recognised at the position it names, in <paramref name="text"/>), or
    /// its syntax.
    /// </summary>
    public static Diagnostic Failure(XmlException e, string file, string? text)
    {
        var span = new SourceSpan(file, e.LineNumber, e.LinePosition);
        if (e is XmlRefusal refusal)
        {
            return LibvirtDiagnostics.XmlRefused(span, refusal.Code, refusal.Reason);
        }

        return text is not null && DoctypeLine(text, e.LineNumber) is { } line
            ? LibvirtDiagnostics.DoctypeNotAllowed(new SourceSpan(file, line.Line, line.Column))
            : LibvirtDiagnostics.MalformedXml(span, e.Message);
    }

    /// <summary>
    /// Where a <c>&lt;!DOCTYPE</c> starts on the line the parser stopped at (or, when it gave no line, the first one
    /// in the text), if one does.
    /// </summary>
    private static (int Line, int Column)? DoctypeLine(string text, int errorLine)
    {
        var at = 0;
        for (var line = 1; ; line++)
        {
            var end = text.IndexOf('\n', at);
            var found = text.AsSpan(at, (end < 0 ? text.Length : end) - at).IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            if ((line == errorLine || errorLine <= 0) && found >= 0)
            {
                return (line, found + 1);
            }

            if (end < 0 || (errorLine > 0 && line >= errorLine))
            {
                return null;
            }

            at = end + 1;
        }
    }

    /// <summary>Text longer than one document may be is refused before it is parsed.</summary>
    private static Diagnostic? TooLarge(string text, string file) =>
        text.Length > XmlLimits.MaxDocumentBytes ? LibvirtDiagnostics.XmlTooLarge(new SourceSpan(file, 1, 1)) : null;

    /// <summary>Parses a whole document; on malformed XML returns null and the parser's complaint with its position.</summary>
    public static XDocument? Load(string text, string file, out Diagnostic? error)
    {
        error = TooLarge(text, file);
        if (error is not null)
        {
            return null;
        }

        try
        {
            using var reader = CreateReader(new StringReader(text), ConformanceLevel.Document);
            return XDocument.Load(reader, Options);
        }
        catch (XmlException e)
        {
            error = Failure(e, file, text);
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
        error = TooLarge(text, file);
        if (error is not null)
        {
            return null;
        }

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
            using var reader = CreateReader(new StringReader(text), ConformanceLevel.Fragment);
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
            error = Failure(e, file, text);
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
