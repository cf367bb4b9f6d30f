using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuData;

/// <summary>
/// Reads libvirt's <c>&lt;cpudata arch='x86'&gt;</c> documents: raw CPUID leaves and MSR values, parsed
/// like cpu_map feature items; items with the same key are OR-merged. The data's architecture is x86_64.
/// </summary>
public static class CpuDataXmlReader
{
    /// <summary>The architecture libvirt gives data read from an <c>arch='x86'</c> document.</summary>
    public const string X86Arch = "x86_64";

    public static CpuDataReadResult Read(string text, string fileName) =>
        CpuDataScanner.TryScan(text) is { } data ? new CpuDataReadResult(data, X86Arch, []) : ReadDocument(text, fileName);

    /// <summary>
    /// Reads the text through an XML tree, whatever its shape: the reader of every document the
    /// <see cref="CpuDataScanner"/> declines, and the reference the scanner is tested against.
    /// </summary>
    internal static CpuDataReadResult ReadDocument(string text, string fileName)
    {
        var document = XmlSource.Load(text, fileName, out var error);
        if (document?.Root is not { } root)
        {
            return Failed(error ?? LibvirtDiagnostics.MalformedXml(SourceSpan.None(fileName), "the document has no root element"));
        }

        return Read(root, fileName);
    }

    /// <summary>Reads a <c>&lt;cpudata&gt;</c> element of an already loaded document.</summary>
    public static CpuDataReadResult Read(XElement root, string fileName)
    {
        var span = XmlSource.SpanOf(root, fileName);
        if (!root.Is("cpudata"))
        {
            return Failed(LibvirtDiagnostics.UnexpectedRoot(span, root.Name.LocalName, "cpudata"));
        }

        if (root.Attribute("arch")?.Value is not { } arch)
        {
            return Failed(LibvirtDiagnostics.MissingAttribute(span, "cpudata", "arch", "<cpudata arch='x86'>"));
        }

        // Only the x86 driver has a data format; ppc64 and ARM data cannot be read from XML.
        if (ArchNames.FromMapName(arch) != ArchFamily.X86)
        {
            return Failed(LibvirtDiagnostics.UnsupportedDataArch(XmlSource.SpanOf(root.Attribute("arch"), fileName), arch));
        }

        if (!root.Elements().Any())
        {
            return Failed(LibvirtDiagnostics.NoCpuData(span));
        }

        var diagnostics = new DiagnosticBag();
        var slots = new List<DataSlot>();
        foreach (var item in root.Elements())
        {
            if (!DataItemParser.IsAlias(item) && DataItemParser.Parse(item, fileName, diagnostics) is { } slot)
            {
                slots.Add(slot);
            }
        }

        var data = diagnostics.HasErrors ? null : Core.Cpu.CpuData.From(slots);
        return new CpuDataReadResult(data, data is null ? null : X86Arch, diagnostics.ToImmutable());
    }

    private static CpuDataReadResult Failed(Diagnostic error) => new(null, null, [error]);
}
