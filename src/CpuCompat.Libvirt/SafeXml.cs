using System.Xml.Linq;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt;

/// <summary>The guarded XML loading of this project for readers outside it (DOCTYPEs refused, <see cref="XmlLimits"/> applied).</summary>
public static class SafeXml
{
    /// <summary>Parses a whole document with line information; on failure returns null and the diagnostic.</summary>
    public static XDocument? Load(string text, string fileName, out Diagnostic? error) => XmlSource.Load(text, fileName, out error);

    /// <summary>The refusal of an XML input of <paramref name="size"/> bytes, when it is over <see cref="XmlLimits.MaxDocumentBytes"/>; checked before it is read.</summary>
    public static Diagnostic? TooLarge(long size, string fileName) =>
        size > XmlLimits.MaxDocumentBytes ? LibvirtDiagnostics.XmlTooLarge(new SourceSpan(fileName, 1, 1)) : null;

    /// <summary>Whether a diagnostic is about the XML syntax itself (not a limit or a DOCTYPE).</summary>
    public static bool IsSyntaxError(Diagnostic diagnostic) => diagnostic.Code == LibvirtCodes.MalformedXml;
}
