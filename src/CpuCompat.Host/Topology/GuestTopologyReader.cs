using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Host.Machine;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Libvirt;

namespace CpuCompat.Host.Topology;

/// <summary>The guest request read from a file, or the diagnostic that says why it could not be read.</summary>
public sealed record GuestTopologyReadResult(GuestTopologyRequest? Request, Diagnostic? Error)
{
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Request is not null;
}

/// <summary>
/// Reads what the topology check needs from a guest file: a <c>&lt;domain&gt;</c> (its <c>&lt;vcpu&gt;</c> count and
/// <c>&lt;cpu&gt;&lt;topology&gt;</c>) or a bare <c>&lt;cpu&gt;</c>. The CPU is parsed by libvirt's rules
/// (<see cref="CpuXmlReader.ReadGuest"/>), so a topology libvirt rejects is reported with its error.
/// </summary>
public static class GuestTopologyReader
{
    public static GuestTopologyReadResult Read(string text, string fileName, LibvirtGeneration generation)
    {
        if (SafeXml.Load(text, fileName, out var error) is not { Root: { } root })
        {
            // A syntax error keeps this reader's code; a DOCTYPE or a limit keeps the code that names it.
            return error is not null && SafeXml.IsSyntaxError(error)
                ? Fail(error.Span, HostCodes.GuestUnreadable, error.Message)
                : new GuestTopologyReadResult(null, error!);
        }

        var isDomain = root.Name.LocalName == "domain";
        if (!isDomain && root.Name.LocalName != "cpu")
        {
            return Fail(Span(root, fileName), HostCodes.GuestUnreadable, $"expected a <domain> or <cpu> root element, found <{root.Name.LocalName}>; give a domain XML or a guest CPU definition.");
        }

        int? vcpus = null;
        if (isDomain && root.Element("vcpu") is { } vcpu)
        {
            if (!int.TryParse(vcpu.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return Fail(Span(vcpu, fileName), HostCodes.GuestInvalidVcpus, $"'{vcpu.Value.Trim()}' is not a vCPU count; write a positive number such as <vcpu>4</vcpu>.");
            }

            vcpus = count;
        }

        Core.Cpu.CpuTopology? topology = null;
        if (!isDomain || root.Element("cpu") is not null)
        {
            var cpu = CpuXmlReader.ReadGuest(text, fileName, generation);
            if (!cpu.Succeeded)
            {
                return new GuestTopologyReadResult(null, cpu.Error);
            }

            topology = cpu.Cpu.Topology;
        }

        return new GuestTopologyReadResult(new GuestTopologyRequest(topology, vcpus, fileName), null);
    }

    private static SourceSpan Span(XElement element, string fileName) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? new SourceSpan(fileName, info.LineNumber, info.LinePosition) : SourceSpan.None(fileName);

    private static GuestTopologyReadResult Fail(SourceSpan span, string code, string message) =>
        new(null, new Diagnostic(span, DiagnosticSeverity.Error, code, message));
}
