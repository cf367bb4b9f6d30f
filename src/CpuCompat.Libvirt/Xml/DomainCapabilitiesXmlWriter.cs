using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Libvirt.Xml;

/// <summary>
/// Formats domain capabilities as libvirt does (<c>virsh domcapabilities</c>): the document's head and its
/// <c>&lt;cpu&gt;</c> modes. 11.x adds the host-model's <c>&lt;maxphysaddr&gt;</c>, canonical model names and
/// <c>&lt;blockers&gt;</c> lists.
/// </summary>
public static class DomainCapabilitiesXmlWriter
{
    /// <summary>A whole <c>&lt;domainCapabilities&gt;</c> document holding only what CpuCompat knows: path, domain type, arch, vCPU limit, CPU.</summary>
    public static string FormatDocument(string? emulator, string domainType, string arch, uint? maxVcpus, DomainCpuCapabilities cpu, LibvirtGeneration generation)
    {
        var text = new StringBuilder("<domainCapabilities>\n");
        if (emulator is not null)
        {
            text.Append($"  <path>{XmlEscape.Escape(emulator)}</path>\n");
        }

        text.Append($"  <domain>{XmlEscape.Escape(domainType)}</domain>\n");
        text.Append($"  <arch>{XmlEscape.Escape(arch)}</arch>\n");
        if (maxVcpus is { } max)
        {
            text.Append($"  <vcpu max='{max.ToString(CultureInfo.InvariantCulture)}'/>\n");
        }

        text.Append(FormatCpu(cpu, generation, "  "));
        return text.Append("</domainCapabilities>\n").ToString();
    }

    /// <summary>The <c>&lt;cpu&gt;</c> element, each line prefixed by <paramref name="indent"/>.</summary>
    public static string FormatCpu(DomainCpuCapabilities cpu, LibvirtGeneration generation, string indent = "")
    {
        var is11 = generation >= LibvirtGeneration.Libvirt11;
        var text = new StringBuilder();
        void Line(int depth, string s) => text.Append(indent).Append(' ', depth * 2).Append(s).Append('\n');

        Line(0, "<cpu>");
        Migratable("host-passthrough", "hostPassthroughMigratable", cpu.HostPassthrough);
        Migratable("maximum", "maximumMigratable", cpu.Maximum);
        if (cpu.HostModel is { Model: not null } hostModel)
        {
            Line(1, "<mode name='host-model' supported='yes'>");
            Line(2, $"<model fallback='{hostModel.Fallback.Name()}'>{XmlEscape.Escape(hostModel.Model)}</model>");
            if (hostModel.Vendor is { } vendor)
            {
                Line(2, $"<vendor>{XmlEscape.Escape(vendor)}</vendor>");
            }

            if (is11 && cpu.PhysAddrBits is { } bits)
            {
                Line(2, $"<maxphysaddr mode='passthrough' limit='{bits.ToString(CultureInfo.InvariantCulture)}'/>");
            }

            foreach (var f in hostModel.Features)
            {
                Line(2, $"<feature policy='{f.EffectivePolicy.Name()}' name='{XmlEscape.Escape(f.Name)}'/>");
            }

            Line(1, "</mode>");
        }
        else
        {
            Line(1, "<mode name='host-model' supported='no'/>");
        }

        if (cpu.Models.IsEmpty)
        {
            Line(1, "<mode name='custom' supported='no'/>");
        }
        else
        {
            Line(1, "<mode name='custom' supported='yes'>");
            foreach (var m in cpu.Models)
            {
                var canonical = is11 && m.Canonical is { } c && c != m.Name ? $" canonical='{XmlEscape.Escape(c)}'" : "";
                Line(2, $"<model usable='{(m.Usable ? "yes" : "no")}' vendor='{XmlEscape.Escape(m.Vendor ?? "unknown")}'{canonical}>{XmlEscape.Escape(m.Name)}</model>");
                if (is11 && !m.Usable && !m.Blockers.IsDefaultOrEmpty)
                {
                    Line(2, $"<blockers model='{XmlEscape.Escape(m.Name)}'>");
                    foreach (var b in m.Blockers)
                    {
                        Line(3, $"<feature name='{XmlEscape.Escape(b)}'/>");
                    }

                    Line(2, "</blockers>");
                }
            }

            Line(1, "</mode>");
        }

        Line(0, "</cpu>");
        return text.ToString();

        void Migratable(string mode, string enumName, bool supported)
        {
            if (!supported)
            {
                Line(1, $"<mode name='{mode}' supported='no'/>");
                return;
            }

            Line(1, $"<mode name='{mode}' supported='yes'>");
            Line(2, $"<enum name='{enumName}'>");
            Line(3, "<value>on</value>");
            Line(3, "<value>off</value>");
            Line(2, "</enum>");
            Line(1, "</mode>");
        }
    }
}
