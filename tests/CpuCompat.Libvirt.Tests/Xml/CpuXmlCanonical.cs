using System.Xml.Linq;

namespace CpuCompat.Libvirt.Tests.Xml;

/// <summary>
/// An independent description of what libvirt's formatter keeps of a <c>&lt;cpu&gt;</c> element, written from
/// libvirt's parsing and formatting rules with XML trees instead of the reader and writer: layout, comments, attribute order and
/// ignored elements vanish; defaults (mode, match, fallback, policy, dies, clusters) are filled in; parts that are
/// never printed (a model that is only a fallback, the model of a host-passthrough CPU) are dropped. Two elements
/// with the same description format to the same text.
/// </summary>
internal static class CpuXmlCanonical
{
    public static string Of(XElement cpu, bool host, bool is11)
    {
        var parts = new List<string>();
        var mode = host ? "custom" : Attr(cpu, "mode") ?? "custom";
        var modelElement = cpu.Element("model");
        var model = modelElement?.Value is { Length: > 0 } m ? m : null;
        var passthrough = mode is "host-passthrough" or "maximum";

        if (!host && (mode != "custom" || model is not null))
        {
            parts.Add($"@mode={mode}");
            if (mode == "custom")
            {
                parts.Add($"@match={Attr(cpu, "match") ?? "exact"}");
            }

            if (Attr(cpu, "check") is { } check and not "default")
            {
                parts.Add($"@check={check}");
            }

            if (passthrough && Attr(cpu, "migratable") is { } migratable)
            {
                parts.Add($"@migratable={migratable}");
            }

            if (is11 && Attr(cpu, "deprecated_features") is { } deprecated)
            {
                parts.Add($"@deprecated_features={deprecated}");
            }
        }

        if (host)
        {
            parts.Add($"arch={cpu.Element("arch")?.Value}");
        }

        var formatModel = mode is "custom" or "host-model";
        var vendorId = !host && !passthrough && modelElement is not null ? Attr(modelElement, "vendor_id") : null;
        if (formatModel && (model is not null || vendorId is not null))
        {
            var fallback = !host && model is not null ? Attr(modelElement!, "fallback") ?? "allow" : null;
            parts.Add($"model[fallback={fallback},vendor_id={vendorId}]={model}");
        }

        if (formatModel && cpu.Element("vendor")?.Value is { Length: > 0 } vendor)
        {
            parts.Add($"vendor={vendor}");
        }

        if (host)
        {
            if (cpu.Element("microcode") is { } microcode && Attr(microcode, "version") is not (null or "0"))
            {
                parts.Add($"microcode={Attr(microcode, "version")}");
            }

            if (cpu.Element("signature") is { } signature)
            {
                parts.Add($"signature={Attr(signature, "family")}/{Attr(signature, "model")}/{Attr(signature, "stepping")}");
            }

            if (cpu.Elements("counter").FirstOrDefault(c => Attr(c, "name") == "tsc") is { } counter)
            {
                parts.Add($"tsc={Attr(counter, "frequency")},{Attr(counter, "scaling")}");
            }
        }

        if (cpu.Element("topology") is { } topology)
        {
            var clusters = is11 ? $",clusters={Attr(topology, "clusters") ?? "1"}" : "";
            parts.Add($"topology=sockets={Attr(topology, "sockets")},dies={Attr(topology, "dies") ?? "1"}{clusters},cores={Attr(topology, "cores")},threads={Attr(topology, "threads")}");
        }

        if (cpu.Element("cache") is { } cache)
        {
            parts.Add($"cache={Attr(cache, "level")},{Attr(cache, "mode")}");
        }

        if (cpu.Element("maxphysaddr") is { } addr)
        {
            parts.Add($"maxphysaddr={Attr(addr, "mode")},{Attr(addr, "bits")},{(is11 ? Attr(addr, "limit") : null)}");
        }

        foreach (var feature in cpu.Elements("feature"))
        {
            parts.Add(host ? $"feature={Attr(feature, "name")}" : $"feature={Attr(feature, "policy") ?? "require"}:{Attr(feature, "name")}");
        }

        return string.Join("\n", parts);
    }

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;
}
