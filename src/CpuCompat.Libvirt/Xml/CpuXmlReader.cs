using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml;

/// <summary>
/// Reads libvirt <c>&lt;cpu&gt;</c> definitions from a file holding one, from the documents that embed
/// them (baseline inputs, domains, capabilities, domain capabilities) and from files with any number of them, as virsh
/// does. Parsing stops at the first problem, which is returned as one diagnostic with its location.
/// </summary>
public static partial class CpuXmlReader
{
    /// <summary>Parses a document whose root element is <c>&lt;cpu&gt;</c>.</summary>
    public static CpuReadResult Read(string text, string fileName, CpuXmlType type, LibvirtGeneration generation)
    {
        var document = XmlSource.Load(text, fileName, out var error);
        if (document?.Root is not { } root)
        {
            return CpuReadResult.Failure(error ?? LibvirtDiagnostics.MalformedXml(SourceSpan.None(fileName), "the document has no root element"));
        }

        return Read(root, fileName, type, generation);
    }

    /// <summary>Parses one <c>&lt;cpu&gt;</c> element of an already loaded document (load it with line info for locations).</summary>
    public static CpuReadResult Read(XElement cpu, string fileName, CpuXmlType type, LibvirtGeneration generation) =>
        CpuElementParser.Parse(cpu, fileName, type, generation);
}
