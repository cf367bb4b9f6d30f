using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Libvirt.Xml;

/// <summary>
/// Formats a CPU definition byte for byte as libvirt's <c>virCPUDefFormat</c> does: single quotes, two
/// spaces of indentation, attributes and children in libvirt's order, and an empty string when there is nothing to print.
/// </summary>
/// <remarks>
/// Model and vendor are printed only in custom and host-model mode. A parsed host CPU has no mode, so (as in libvirt) it
/// prints without them; host CPUs produced by decoding carry mode custom and print them. Unlike libvirt, feature names
/// are escaped too, so a name with XML-special characters cannot produce malformed output.
/// </remarks>
public static class CpuXmlWriter
{
    public static string Format(CpuDefinition cpu, LibvirtGeneration generation)
    {
        var is11 = generation >= LibvirtGeneration.Libvirt11;
        var attributes = FormatAttributes(cpu, is11);
        var children = new StringBuilder();
        FormatChildren(cpu, is11, children);
        if (attributes.Length == 0 && children.Length == 0)
        {
            return "";
        }

        var sb = new StringBuilder("<cpu").Append(attributes);
        if (children.Length == 0)
        {
            return sb.Append("/>\n").ToString();
        }

        return sb.Append(">\n").Append(children).Append("</cpu>\n").ToString();
    }

    /// <summary>Guest CPUs only, and only when the mode is not custom or a model is set ("only topology or cache" prints bare).</summary>
    private static string FormatAttributes(CpuDefinition cpu, bool is11)
    {
        var mode = cpu.Mode ?? CpuMode.Custom;
        if (cpu.Type != CpuType.Guest || (mode == CpuMode.Custom && cpu.Model is null))
        {
            return "";
        }

        var sb = new StringBuilder(" mode='").Append(mode.Name()).Append('\'');
        if (mode == CpuMode.Custom)
        {
            sb.Append(" match='").Append(cpu.Match.Name()).Append('\'');
        }

        if (cpu.Check != CpuCheck.Default)
        {
            sb.Append(" check='").Append(cpu.Check.Name()).Append('\'');
        }

        if ((mode is CpuMode.HostPassthrough or CpuMode.Maximum) && cpu.Migratable is { } migratable)
        {
            sb.Append(" migratable='").Append(OnOff(migratable)).Append('\'');
        }

        if (is11 && cpu.DeprecatedFeatures is { } deprecated)
        {
            sb.Append(" deprecated_features='").Append(OnOff(deprecated)).Append('\'');
        }

        return sb.ToString();
    }

    private static void FormatChildren(CpuDefinition cpu, bool is11, StringBuilder sb)
    {
        var host = cpu.Type == CpuType.Host;
        if (host && !string.IsNullOrEmpty(cpu.Arch))
        {
            Line(sb, $"<arch>{cpu.Arch}</arch>");
        }

        // A guest always has a mode (custom when unset); a host CPU only when it came from decoding.
        var mode = host ? cpu.Mode : cpu.Mode ?? CpuMode.Custom;
        var formatModel = mode is CpuMode.Custom or CpuMode.HostModel;
        if (formatModel && (cpu.Model is not null || cpu.VendorId is not null))
        {
            var model = new StringBuilder("<model");
            if (!host && cpu.Model is not null)
            {
                model.Append(" fallback='").Append(cpu.Fallback.Name()).Append('\'');
            }

            if (!host && cpu.VendorId is { } vendorId)
            {
                model.Append(" vendor_id='").Append(XmlEscape.Escape(vendorId)).Append('\'');
            }

            model.Append(cpu.Model is { } name ? $">{XmlEscape.Escape(name)}</model>" : "/>");
            Line(sb, model.ToString());
        }

        if (formatModel && cpu.Vendor is { } vendor)
        {
            Line(sb, $"<vendor>{XmlEscape.Escape(vendor)}</vendor>");
        }

        if (host && cpu.Microcode != 0)
        {
            Line(sb, $"<microcode version='{Number(cpu.Microcode)}'/>");
        }

        if (host && cpu.Signature is { Family: not 0 } signature)
        {
            Line(sb, $"<signature family='{Number(signature.Family)}' model='{Number(signature.Model)}' stepping='{Number(signature.Stepping)}'/>");
        }

        if (host && cpu.Tsc is { } tsc)
        {
            var scaling = tsc.Scaling is { } s ? $" scaling='{(s ? "yes" : "no")}'" : "";
            Line(sb, $"<counter name='tsc' frequency='{tsc.Frequency.ToString(CultureInfo.InvariantCulture)}'{scaling}/>");
        }

        if (cpu.Topology is { } t && t.Sockets != 0 && t.Dies != 0 && (!is11 || t.Clusters != 0) && t.Cores != 0 && t.Threads != 0)
        {
            var clusters = is11 ? $" clusters='{Number(t.Clusters)}'" : "";
            Line(sb, $"<topology sockets='{Number(t.Sockets)}' dies='{Number(t.Dies)}'{clusters} cores='{Number(t.Cores)}' threads='{Number(t.Threads)}'/>");
        }

        if (cpu.Cache is { } cache)
        {
            var level = cache.Level is { } l ? $"level='{l.ToString(CultureInfo.InvariantCulture)}' " : "";
            Line(sb, $"<cache {level}mode='{XmlEscape.Escape(cache.Mode)}'/>");
        }

        if (cpu.MaxPhysAddr is { } addr)
        {
            var bits = addr.Bits is { } b ? $" bits='{Number(b)}'" : "";
            var limit = is11 && addr.Limit is { } lim and > 0 ? $" limit='{Number(lim)}'" : "";
            Line(sb, $"<maxphysaddr mode='{XmlEscape.Escape(addr.Mode)}'{bits}{limit}/>");
        }

        foreach (var feature in cpu.Features)
        {
            var name = XmlEscape.Escape(feature.Name);
            Line(sb, host ? $"<feature name='{name}'/>" : $"<feature policy='{feature.EffectivePolicy.Name()}' name='{name}'/>");
        }
    }

    private static void Line(StringBuilder sb, string text) => sb.Append("  ").Append(text).Append('\n');

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);

    private static string OnOff(bool value) => value ? "on" : "off";
}
