using System.Xml.Linq;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml.Safety;

/// <summary>The guarded XML loading of this project for readers outside it (DOCTYPEs refused, <see cref="XmlLimits"/> applied).</summary>
public static class SafeXml
{
    /// <summary>Parses a whole document with line information; on failure returns null and the diagnostic.</summary>
    public static XDocument? Load(string text, string fileName, out Diagnostic? error) => XmlSource.Load(text, fileName, out error);

    /// <summary>Whether a diagnostic is about the XML syntax itself (not a limit or a DOCTYPE).</summary>
    public static bool IsSyntaxError(Diagnostic diagnostic) => diagnostic.Code == LibvirtCodes.MalformedXml;
}
