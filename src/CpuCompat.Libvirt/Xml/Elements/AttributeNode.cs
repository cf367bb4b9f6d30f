using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml.Elements;

/// <summary>An attribute of an <see cref="ElementNode"/>, with the name of its element (for messages) and where its name starts.</summary>
internal readonly record struct AttributeNode(string LocalName, string NamespaceName, string Value, string ElementName, int Line, int Column)
{
    public SourceSpan Span(string file) => Line > 0 ? new SourceSpan(file, Line, Column) : SourceSpan.None(file);
}
