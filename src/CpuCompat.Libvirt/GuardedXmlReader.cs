using System.Xml;

namespace CpuCompat.Libvirt;

/// <summary>
/// An <see cref="XmlReader"/> that passes another one through and refuses, at the node that breaks it, any of the
/// <see cref="XmlLimits"/>: nesting deeper than libxml2 allows, too many attributes on an element, too long an
/// attribute value or run of text. Checking while reading (not on the finished tree) keeps the cost of a hostile
/// document proportional to the part read before the refusal: 100,000 nested elements stop at the 257th.
/// </summary>
internal sealed class GuardedXmlReader(XmlReader inner) : XmlReader, IXmlLineInfo
{
    private readonly IXmlLineInfo? _lines = inner as IXmlLineInfo;
    private long _chunked;

    public override bool Read()
    {
        _chunked = 0;
        if (!inner.Read())
        {
            return false;
        }

        if (inner.NodeType == XmlNodeType.Element)
        {
            CheckElement();
        }

        return true;
    }

    private void CheckElement()
    {
        // Depth counts from 0 at the root, so depth 256 is the 257th level, the first one libxml2 refuses.
        if (inner.Depth >= XmlLimits.MaxDepth)
        {
            throw Refuse(LibvirtCodes.XmlTooDeep, $"<{inner.LocalName}> is nested more than {XmlLimits.MaxDepth} elements deep (the limit of libvirt's XML parser)");
        }

        var count = inner.AttributeCount;
        if (count > XmlLimits.MaxAttributes)
        {
            throw Refuse(LibvirtCodes.XmlTooManyAttributes, $"<{inner.LocalName}> has {count} attributes, more than the limit of {XmlLimits.MaxAttributes}");
        }

        for (var i = 0; i < count; i++)
        {
            if (inner.GetAttribute(i).Length > XmlLimits.MaxValueLength)
            {
                inner.MoveToAttribute(i);
                var name = inner.Name;
                inner.MoveToElement();
                throw Refuse(LibvirtCodes.XmlValueTooLong, $"attribute '{name}' of <{inner.LocalName}> is longer than the limit of {XmlLimits.MaxValueLength} characters");
            }
        }
    }

    public override string Value
    {
        get
        {
            var value = inner.Value;
            if (value.Length > XmlLimits.MaxValueLength && inner.NodeType != XmlNodeType.Attribute)
            {
                throw TextTooLong();
            }

            return value;
        }
    }

    public override int ReadValueChunk(char[] buffer, int index, int count)
    {
        var n = inner.ReadValueChunk(buffer, index, count);
        _chunked += n;
        if (_chunked > XmlLimits.MaxValueLength)
        {
            throw TextTooLong();
        }

        return n;
    }

    private XmlRefusal TextTooLong() =>
        Refuse(LibvirtCodes.XmlValueTooLong, $"a run of text is longer than the limit of {XmlLimits.MaxValueLength} characters");

    // An element is located at its '<', like every other element diagnostic; the parser's position is its name.
    private XmlRefusal Refuse(string code, string reason) =>
        new(code, reason, LineNumber, NodeType == XmlNodeType.Element ? Math.Max(1, LinePosition - 1) : LinePosition);

    public override bool CanReadValueChunk => inner.CanReadValueChunk;

    public override int AttributeCount => inner.AttributeCount;

    public override string BaseURI => inner.BaseURI;

    public override int Depth => inner.Depth;

    public override bool EOF => inner.EOF;

    public override bool HasValue => inner.HasValue;

    public override bool IsEmptyElement => inner.IsEmptyElement;

    public override string LocalName => inner.LocalName;

    public override string Name => inner.Name;

    public override string NamespaceURI => inner.NamespaceURI;

    public override XmlNameTable NameTable => inner.NameTable;

    public override XmlNodeType NodeType => inner.NodeType;

    public override string Prefix => inner.Prefix;

    public override ReadState ReadState => inner.ReadState;

    public override XmlReaderSettings? Settings => inner.Settings;

    public override string GetAttribute(int i) => inner.GetAttribute(i);

    public override string? GetAttribute(string name) => inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);

    public override void MoveToAttribute(int i) => inner.MoveToAttribute(i);

    public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);

    public override bool MoveToElement() => inner.MoveToElement();

    public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();

    public override bool ReadAttributeValue() => inner.ReadAttributeValue();

    public override void ResolveEntity() => inner.ResolveEntity();

    public bool HasLineInfo() => _lines?.HasLineInfo() ?? false;

    public int LineNumber => _lines?.LineNumber ?? 0;

    public int LinePosition => _lines?.LinePosition ?? 0;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
