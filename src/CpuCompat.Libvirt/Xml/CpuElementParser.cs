using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Libvirt.Xml.Elements;

namespace CpuCompat.Libvirt.Xml;

/// <summary>
/// Parses one <c>&lt;cpu&gt;</c> element exactly as libvirt's <c>virCPUDefParseXML</c> does, checking
/// in the same order so the same input fails on the same problem. One instance per element.
/// </summary>
internal sealed partial class CpuElementParser
{
    private readonly ElementNode _cpu;
    private readonly string _file;
    private readonly LibvirtGeneration _generation;
    private readonly bool _ignoreRootAttributes;
    private Diagnostic? _error;
    private Dictionary<string, int>? _featureIndex;

    private readonly FeatureCache? _features;

    private CpuElementParser(ElementNode cpu, string file, LibvirtGeneration generation, bool ignoreRootAttributes, FeatureCache? features)
    {
        _features = features;
        _cpu = cpu;
        _file = file;
        _generation = generation;
        _ignoreRootAttributes = ignoreRootAttributes;
    }

    private bool Is11 => _generation >= LibvirtGeneration.Libvirt11;

    /// <summary>
    /// Parses <paramref name="cpu"/>. With <paramref name="ignoreRootAttributes"/> the element may have another name
    /// and its attributes are not looked at: virsh renames domain capabilities' <c>&lt;mode&gt;</c> to <c>&lt;cpu&gt;</c>
    /// and strips its attributes before handing it on.
    /// </summary>
    public static CpuReadResult Parse(System.Xml.Linq.XElement cpu, string file, CpuXmlType type, LibvirtGeneration generation, bool ignoreRootAttributes = false) =>
        Parse(ElementNodeReader.From(cpu), file, type, generation, ignoreRootAttributes);

    /// <inheritdoc cref="Parse(System.Xml.Linq.XElement, string, CpuXmlType, LibvirtGeneration, bool)"/>
    /// <param name="features">Shares equal features between the CPUs one caller parses (thousands of hosts list the same ones).</param>
    public static CpuReadResult Parse(ElementNode cpu, string file, CpuXmlType type, LibvirtGeneration generation, bool ignoreRootAttributes = false,
        FeatureCache? features = null)
    {
        var parser = new CpuElementParser(cpu, file, generation, ignoreRootAttributes, features);
        var definition = parser.Run(type);
        return definition is not null ? CpuReadResult.Success(definition) : CpuReadResult.Failure(parser._error!);
    }

    private CpuDefinition? Run(CpuXmlType requested)
    {
        if (!_ignoreRootAttributes && !_cpu.Is("cpu"))
        {
            return Fail(LibvirtDiagnostics.NotCpuElement(Span(_cpu), _cpu.LocalName));
        }

        var type = requested switch
        {
            CpuXmlType.Host => CpuType.Host,
            CpuXmlType.Guest => CpuType.Guest,
            _ => _cpu.First("arch") is not null ? CpuType.Host : CpuType.Guest,
        };
        if (requested == CpuXmlType.Auto && type == CpuType.Host && RootAttribute("match") is { } match)
        {
            return Fail(LibvirtDiagnostics.AttributeNotAllowed(Span(match),
                "a <cpu> with an <arch> element is a host CPU and cannot have a 'match' attribute; remove one of them."));
        }

        var cpu = type == CpuType.Host ? new CpuDefinition { Type = CpuType.Host, Mode = null } : CpuDefinition.NewGuest();
        return ParseRootAttributes(ref cpu)
            && (type != CpuType.Host || ParseHostParts(ref cpu))
            && ParseModelAndVendor(ref cpu)
            && ParseTopology(ref cpu)
            && ParseFeatures(ref cpu)
            && ParseCache(ref cpu)
            && ParseMaxPhysAddr(ref cpu)
            ? cpu : null;
    }

    private bool ParseRootAttributes(ref CpuDefinition cpu)
    {
        if (RootAttribute("mode") is { } mode)
        {
            if (cpu.Type == CpuType.Host)
            {
                return FailBool(LibvirtDiagnostics.AttributeNotAllowed(Span(mode), "the 'mode' attribute is only allowed for a guest CPU; remove it from a host CPU."));
            }

            if (CpuEnumNames.ParseMode(mode.Value) is not { } parsed)
            {
                return FailBool(Invalid(mode, "'custom', 'host-model', 'host-passthrough' or 'maximum'"));
            }

            cpu = cpu with { Mode = parsed };
        }

        if (RootAttribute("migratable") is { } migratable)
        {
            if (ParseSwitch(migratable) is not { } on)
            {
                return false;
            }

            if (cpu.Mode is not (CpuMode.HostPassthrough or CpuMode.Maximum))
            {
                return FailBool(LibvirtDiagnostics.AttributeNotAllowed(Span(migratable),
                    "the 'migratable' attribute is only allowed with mode='host-passthrough' or mode='maximum'."));
            }

            cpu = cpu with { Migratable = on };
        }

        if (cpu.Type != CpuType.Guest)
        {
            return true;
        }

        if (RootAttribute("match") is { } match)
        {
            if (CpuEnumNames.ParseMatch(match.Value) is not { } parsed)
            {
                return FailBool(Invalid(match, "'exact', 'minimum' or 'strict'"));
            }

            cpu = cpu with { Match = parsed };
        }

        if (RootAttribute("check") is { } check)
        {
            if (CpuEnumNames.ParseCheck(check.Value) is not { } parsed)
            {
                return FailBool(Invalid(check, "'default', 'none', 'partial' or 'full'"));
            }

            cpu = cpu with { Check = parsed };
        }

        if (Is11 && RootAttribute("deprecated_features") is { } deprecated)
        {
            if (ParseSwitch(deprecated) is not { } on)
            {
                return false;
            }

            cpu = cpu with { DeprecatedFeatures = on };
        }

        return true;
    }

    /// <summary>Host only: the architecture (required, known), microcode, signature and TSC counter.</summary>
    private bool ParseHostParts(ref CpuDefinition cpu)
    {
        var archElement = _cpu.First("arch");
        if (archElement is null || archElement.Value.Length == 0)
        {
            return FailBool(LibvirtDiagnostics.MissingElement(Span(archElement ?? _cpu), "cpu", "arch",
                "a host CPU names its architecture, e.g. <arch>x86_64</arch>"));
        }

        if (!ArchNames.IsKnown(archElement.Value))
        {
            return FailBool(LibvirtDiagnostics.UnknownArch(Span(archElement), archElement.Value));
        }

        cpu = cpu with { Arch = archElement.Value };
        if (_cpu.First("microcode")?.Attribute("version") is { } version)
        {
            if (!CNumbers.TryParseUInt32(version.Value, 10, out var microcode))
            {
                return FailBool(LibvirtDiagnostics.InvalidNumber(Span(version), "microcode", "version", version.Value, "a decimal number"));
            }

            cpu = cpu with { Microcode = microcode };
        }

        if (_cpu.First("signature") is { } signature)
        {
            if (UInt(signature, "family", required: true, nonZero: true) is not { } family
                || UInt(signature, "model", required: true, nonZero: false) is not { } model
                || UInt(signature, "stepping", required: true, nonZero: false) is not { } stepping)
            {
                return false;
            }

            cpu = cpu with { Signature = new CpuSignature(family, model, stepping) };
        }

        if (TscCounter() is { } counter)
        {
            if (counter.Attribute("frequency") is not { } frequency)
            {
                return FailBool(LibvirtDiagnostics.MissingAttribute(Span(counter), "counter", "frequency", "frequency='2400000000'"));
            }

            if (!CNumbers.TryParseUInt64(frequency.Value, 10, out var hz))
            {
                return FailBool(LibvirtDiagnostics.InvalidNumber(Span(frequency), "counter", "frequency", frequency.Value, "a frequency in Hz"));
            }

            bool? scaling = null;
            if (counter.Attribute("scaling") is { } scalingAttribute)
            {
                scaling = scalingAttribute.Value switch { "yes" => true, "no" => false, _ => null };
                if (scaling is null)
                {
                    return FailBool(Invalid(scalingAttribute, "'yes' or 'no'"));
                }
            }

            cpu = cpu with { Tsc = new TscCounter(hz, scaling) };
        }

        return true;
    }

    private bool ParseModelAndVendor(ref CpuDefinition cpu)
    {
        // libvirt reads string(./model[1]): the text of the first <model>, where empty text means no model at all.
        var modelElement = _cpu.First("model");
        var model = modelElement?.Value is { Length: > 0 } text ? text : null;
        if (model is null && cpu.Type == CpuType.Host)
        {
            return FailBool(LibvirtDiagnostics.MissingElement(Span(modelElement ?? _cpu), "cpu", "model", "a host CPU names its CPU model, e.g. <model>Haswell</model>"));
        }

        cpu = cpu with { Model = model };
        if (cpu.Type == CpuType.Guest && cpu.Mode is not (CpuMode.HostPassthrough or CpuMode.Maximum) && modelElement is not null)
        {
            if (modelElement.Attribute("fallback") is { Value.Length: > 0 } fallback)
            {
                if (CpuEnumNames.ParseFallback(fallback.Value) is not { } parsed)
                {
                    return FailBool(Invalid(fallback, "'allow' or 'forbid'"));
                }

                cpu = cpu with { Fallback = parsed };
            }

            if (modelElement.Attribute("vendor_id") is { Value.Length: > 0 } vendorId)
            {
                // libvirt counts bytes (strlen of UTF-8), not characters.
                var bytes = System.Text.Encoding.UTF8.GetByteCount(vendorId.Value);
                if (bytes != 12)
                {
                    return FailBool(LibvirtDiagnostics.InvalidVendorId(Span(vendorId), vendorId.Value, $"is {bytes} bytes long"));
                }

                if (vendorId.Value.Contains(','))
                {
                    return FailBool(LibvirtDiagnostics.InvalidVendorId(Span(vendorId), vendorId.Value, "contains a comma, which QEMU cannot take"));
                }

                cpu = cpu with { VendorId = vendorId.Value };
            }
        }

        var vendorElement = _cpu.First("vendor");
        if (vendorElement?.Value is { Length: > 0 } vendor)
        {
            if (model is null)
            {
                return FailBool(LibvirtDiagnostics.VendorWithoutModel(Span(vendorElement)));
            }

            cpu = cpu with { Vendor = vendor };
        }

        return true;
    }

    private AttributeNode? RootAttribute(string name) => _ignoreRootAttributes ? null : _cpu.Attribute(name);

    /// <summary>The first <c>&lt;counter name='tsc'&gt;</c>.</summary>
    private ElementNode? TscCounter()
    {
        foreach (var element in _cpu.Elements)
        {
            if (element.Is("counter") && element.Attribute("name")?.Value == "tsc")
            {
                return element;
            }
        }

        return null;
    }

    private SourceSpan Span(ElementNode element) => element.Span(_file);

    private SourceSpan Span(AttributeNode attribute) => attribute.Span(_file);

    private Diagnostic Invalid(AttributeNode attribute, string allowed) =>
        LibvirtDiagnostics.InvalidValue(Span(attribute), attribute.ElementName, attribute.LocalName, attribute.Value, allowed);

    private bool? ParseSwitch(AttributeNode attribute)
    {
        switch (attribute.Value)
        {
            case "on": return true;
            case "off": return false;
            default:
                _error = Invalid(attribute, "'on' or 'off'");
                return null;
        }
    }

    private CpuDefinition? Fail(Diagnostic error)
    {
        _error = error;
        return null;
    }

    private bool FailBool(Diagnostic error)
    {
        _error = error;
        return false;
    }
}
