using System.Collections.Immutable;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml;

public static partial class CpuXmlReader
{
    /// <summary>
    /// The CPUs of one document, chosen by its root element: <c>&lt;cpu&gt;</c> (read with <see cref="CpuXmlType.Auto"/>,
    /// as libvirt's tests load single-CPU files); <c>&lt;cpuTest&gt;</c> (every <c>&lt;cpu&gt;</c> child as a host CPU,
    /// as libvirt's baseline tests do); <c>&lt;domain&gt;</c> (its first <c>&lt;cpu&gt;</c>, a guest);
    /// <c>&lt;capabilities&gt;</c> (<c>host/cpu</c>, a host); <c>&lt;domainCapabilities&gt;</c> (the supported
    /// host-model, read as <see cref="ReadAllCpus"/> reads it with <see cref="CpuXmlType.Auto"/>).
    /// </summary>
    public static CpuListReadResult ReadDocument(string text, string fileName, LibvirtGeneration generation)
    {
        var document = XmlSource.Load(text, fileName, out var error);
        if (document?.Root is not { } root)
        {
            return CpuListReadResult.Failure(error ?? LibvirtDiagnostics.MalformedXml(SourceSpan.None(fileName), "the document has no root element"));
        }

        if (root.Name.LocalName is not ("cpu" or "cpuTest" or "domain" or "capabilities" or "domainCapabilities"))
        {
            return CpuListReadResult.Failure(LibvirtDiagnostics.UnexpectedRoot(XmlSource.SpanOf(root, fileName), root.Name.LocalName,
                "cpu>, <cpuTest>, <domain>, <capabilities> or <domainCapabilities"));
        }

        List<(XElement Element, CpuXmlType Type)> found = root.Name.LocalName switch
        {
            "cpu" => [(root, CpuXmlType.Auto)],
            "cpuTest" => [.. root.Children("cpu").Select(c => (c, CpuXmlType.Host))],
            "domain" => [.. root.Children("cpu").Take(1).Select(c => (c, CpuXmlType.Guest))],
            "capabilities" => [.. root.Children("host").Take(1).SelectMany(h => h.Children("cpu").Take(1)).Select(c => (c, CpuXmlType.Host))],
            _ => [.. HostModels(root).Select(m => (m, CpuXmlType.Auto))],
        };
        return ParseAll(found, root, fileName, generation);
    }

    /// <summary>
    /// The guest CPU of a file that is either a <c>&lt;cpu&gt;</c> or a <c>&lt;domain&gt;</c> (its first
    /// <c>&lt;cpu&gt;</c>), read as a guest; the rest of a domain is ignored. This is how libvirt's QEMU driver gets the
    /// CPU of a guest it starts. Anything else fails with <see cref="LibvirtCodes.NoCpuFound"/>.
    /// </summary>
    public static CpuReadResult ReadGuest(string text, string fileName, LibvirtGeneration generation)
    {
        var document = XmlSource.Load(text, fileName, out var error);
        if (document?.Root is not { } root)
        {
            return CpuReadResult.Failure(error ?? LibvirtDiagnostics.MalformedXml(SourceSpan.None(fileName), "the document has no root element"));
        }

        var cpu = root.Is("cpu") ? root : root.Is("domain") ? root.First("cpu") : null;
        return cpu is null
            ? CpuReadResult.Failure(LibvirtDiagnostics.NoCpuFound(XmlSource.SpanOf(root, fileName)))
            : CpuElementParser.Parse(cpu, fileName, CpuXmlType.Guest, generation);
    }

    /// <summary>
    /// Every CPU in a file that may hold any number of top-level elements, as <c>virsh cpu-baseline</c> and
    /// <c>cpu-compare</c> find them: top-level <c>&lt;cpu&gt;</c>, <c>domain/cpu</c>, <c>capabilities/host/cpu</c>,
    /// the <c>domainCapabilities/cpu/mode</c> whose name is host-model and that is supported, and the <c>&lt;cpu&gt;</c>
    /// elements inside any other wrapper (such as libvirt's <c>&lt;cpuTest&gt;</c>), in document order, all read as
    /// <paramref name="type"/>.
    /// </summary>
    /// <remarks>
    /// A domain capabilities host-model is read like virsh hands it on: as a <c>&lt;cpu&gt;</c> with the mode's attributes
    /// dropped, so <see cref="CpuXmlType.Auto"/> and <see cref="CpuXmlType.Guest"/> give a custom guest CPU with the
    /// model, vendor and features (with their policies). libvirt cannot read it as a host CPU (it has no
    /// <c>&lt;arch&gt;</c>); for <see cref="CpuXmlType.Host"/> CpuCompat instead builds the host CPU it describes: the
    /// architecture of the domain capabilities, the model and vendor, and the features it requires (disabled ones
    /// are features the host lacks, so they are left out).
    /// </remarks>
    public static CpuListReadResult ReadAllCpus(string text, string fileName, CpuXmlType type, LibvirtGeneration generation)
    {
        var elements = XmlSource.LoadFragment(text, fileName, out var error);
        if (elements is null)
        {
            return CpuListReadResult.Failure(error!);
        }

        var found = new List<(XElement Element, CpuXmlType Type)>();
        XElement? firstRoot = null;
        foreach (var top in elements)
        {
            firstRoot ??= top;
            IEnumerable<XElement> cpus = top.Name.LocalName switch
            {
                "cpu" => [top],
                "domain" => top.Children("cpu"),
                "capabilities" => top.Children("host").SelectMany(h => h.Children("cpu")),
                "domainCapabilities" => HostModels(top),
                // Any other wrapper (libvirt's <cpuTest>, a hand-made <hosts>): every <cpu> inside it that is not a
                // NUMA cell's <cpus><cpu id=.../>, as virsh's //cpu[not(ancestor::cpus)] finds them.
                _ => top.Descendants().Where(e => e.Is("cpu") && !e.Ancestors().Any(a => a.Is("cpus") || a.Is("cpu"))),
            };
            found.AddRange(cpus.Select(c => (c, type)));
        }

        return ParseAll(found, firstRoot, fileName, generation);
    }

    /// <summary>domainCapabilities/cpu/mode[@name='host-model' and @supported='yes'].</summary>
    private static IEnumerable<XElement> HostModels(XElement domainCapabilities) =>
        domainCapabilities.Children("cpu").SelectMany(c => c.Children("mode"))
            .Where(m => m.Attribute("name")?.Value == "host-model" && m.Attribute("supported")?.Value == "yes");

    private static CpuListReadResult ParseAll(List<(XElement Element, CpuXmlType Type)> found, XElement? root, string fileName, LibvirtGeneration generation)
    {
        if (found.Count == 0)
        {
            return CpuListReadResult.Failure(LibvirtDiagnostics.NoCpuFound(root is null ? SourceSpan.None(fileName) : XmlSource.SpanOf(root, fileName)));
        }

        var cpus = ImmutableArray.CreateBuilder<CpuDefinition>(found.Count);
        var spans = ImmutableArray.CreateBuilder<SourceSpan>(found.Count);
        foreach (var (element, type) in found)
        {
            spans.Add(XmlSource.SpanOf(element, fileName));
            var result = element.Is("mode") ? ReadHostModel(element, fileName, type, generation) : CpuElementParser.Parse(element, fileName, type, generation);
            if (!result.Succeeded)
            {
                return CpuListReadResult.Failure(result.Error);
            }

            cpus.Add(result.Cpu);
        }

        return new CpuListReadResult(cpus.MoveToImmutable(), null) { Spans = spans.MoveToImmutable() };
    }

    private static CpuReadResult ReadHostModel(XElement mode, string fileName, CpuXmlType type, LibvirtGeneration generation)
    {
        var asGuest = CpuElementParser.Parse(mode, fileName, type == CpuXmlType.Host ? CpuXmlType.Guest : type, generation, ignoreRootAttributes: true);
        if (type != CpuXmlType.Host || !asGuest.Succeeded)
        {
            return asGuest;
        }

        var domainCapabilities = mode.Parent?.Parent;
        var arch = domainCapabilities?.First("arch");
        if (arch is null || !ArchNames.IsKnown(arch.Value))
        {
            return CpuReadResult.Failure(arch is null
                ? LibvirtDiagnostics.MissingElement(XmlSource.SpanOf(domainCapabilities ?? mode, fileName), "domainCapabilities", "arch", "a host CPU needs the architecture")
                : LibvirtDiagnostics.UnknownArch(XmlSource.SpanOf(arch, fileName), arch.Value));
        }

        var guest = asGuest.Cpu;
        if (guest.Model is null)
        {
            return CpuReadResult.Failure(LibvirtDiagnostics.MissingElement(XmlSource.SpanOf(mode, fileName), "mode", "model", "a host CPU names its CPU model"));
        }

        return CpuReadResult.Success(new CpuDefinition
        {
            Type = CpuType.Host,
            Mode = null,
            Arch = arch.Value,
            Model = guest.Model,
            Vendor = guest.Vendor,
            Features = [.. guest.Features
                .Where(f => f.Policy is FeaturePolicy.Require or FeaturePolicy.Force)
                .Select(f => new CpuFeature(f.Name, null))],
        });
    }
}
