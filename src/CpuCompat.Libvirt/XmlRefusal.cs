using System.Xml;

namespace CpuCompat.Libvirt;

/// <summary>
/// A document refused by a limit or rule of <see cref="GuardedXmlReader"/> rather than for its syntax. It travels
/// as an <see cref="XmlException"/> so every place that already turns parse failures into diagnostics sees it, and
/// carries its own code so it is not reported as "not well-formed".
/// </summary>
public sealed class XmlRefusal(string code, string reason, int line, int column) : XmlException(reason, null, line, column)
{
    /// <summary>The stable diagnostic code (<see cref="LibvirtCodes"/>).</summary>
    public string Code { get; } = code;

    /// <summary>What was refused, a whole sentence without the location.</summary>
    public string Reason { get; } = reason;
}
