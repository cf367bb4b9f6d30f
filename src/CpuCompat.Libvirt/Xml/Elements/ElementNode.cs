using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml.Elements;

/// <summary>
/// One XML element as the CPU parser needs it: unqualified name, attributes, child elements, the text of all its
/// descendants, and where it starts. A much lighter tree than LINQ to XML's, built straight from an
/// <see cref="System.Xml.XmlReader"/> (<see cref="ElementNodeReader"/>) or from the plain form libvirt writes
/// (<see cref="CanonicalCpuReader"/>, which reuses its nodes from one element to the next); an
/// <see cref="System.Xml.Linq.XElement"/> of a whole document converts to it.
/// </summary>
internal sealed class ElementNode
{
    private AttributeNode[] _attributes = [];
    private int _attributeCount;
    private ElementNode[] _elements = [];
    private int _elementCount;

    public ElementNode(string localName, string namespaceName, int line, int column) => Reset(localName, namespaceName, line, column);

    public string LocalName { get; private set; } = "";

    public string NamespaceName { get; private set; } = "";

    /// <summary>The line of the element's <c>&lt;</c>, 0 when unknown.</summary>
    public int Line { get; private set; }

    /// <summary>The column of the element's <c>&lt;</c>.</summary>
    public int Column { get; private set; }

    public ReadOnlySpan<AttributeNode> Attributes => _attributes.AsSpan(0, _attributeCount);

    public ReadOnlySpan<ElementNode> Elements => _elements.AsSpan(0, _elementCount);

    /// <summary>
    /// The concatenated text of every descendant text node, as <c>XElement.Value</c> and XPath <c>string()</c> give it.
    /// <see cref="CanonicalCpuReader"/> leaves it empty for the root <c>&lt;cpu&gt;</c>, whose own text (the blank
    /// space between lines) nothing reads; building it would cost a string per host.
    /// </summary>
    public string Value { get; internal set; } = "";

    /// <summary>Whether the element has this unqualified name.</summary>
    public bool Is(string name) => NamespaceName.Length == 0 && LocalName == name;

    /// <summary>The attribute with this unqualified name, or null.</summary>
    public AttributeNode? Attribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.LocalName == name && attribute.NamespaceName.Length == 0)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The first child element with this name, as XPath <c>./name[1]</c> finds it.</summary>
    public ElementNode? First(string name)
    {
        foreach (var element in Elements)
        {
            if (element.Is(name))
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>The child element with this name at this zero-based index among them (XPath <c>./name[n + 1]</c>), or null.</summary>
    public ElementNode? Nth(string name, int index)
    {
        foreach (var element in Elements)
        {
            if (element.Is(name) && index-- == 0)
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>How many child elements have this name.</summary>
    public int Count(string name)
    {
        var count = 0;
        foreach (var element in Elements)
        {
            count += element.Is(name) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The child elements with this name in document order (XPath <c>./name</c>).</summary>
    public List<ElementNode> Children(string name)
    {
        var found = new List<ElementNode>();
        foreach (var element in Elements)
        {
            if (element.Is(name))
            {
                found.Add(element);
            }
        }

        return found;
    }

    public SourceSpan Span(string file) => Line > 0 ? new SourceSpan(file, Line, Column) : SourceSpan.None(file);

    /// <summary>Makes the node a new element, keeping its arrays for reuse.</summary>
    internal void Reset(string localName, string namespaceName, int line, int column)
    {
        LocalName = localName;
        NamespaceName = namespaceName;
        Line = line;
        Column = column;
        Value = "";
        Array.Clear(_elements, 0, _elementCount);
        _attributeCount = 0;
        _elementCount = 0;
    }

    internal void Add(AttributeNode attribute)
    {
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, Math.Max(2, _attributes.Length * 2));
        }

        _attributes[_attributeCount++] = attribute;
    }

    internal void Add(ElementNode element)
    {
        if (_elementCount == _elements.Length)
        {
            Array.Resize(ref _elements, Math.Max(4, _elements.Length * 2));
        }

        _elements[_elementCount++] = element;
    }

    public override string ToString() => $"<{LocalName}>";
}
