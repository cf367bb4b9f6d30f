using System.Collections.Immutable;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.Xml;

internal sealed partial class CpuElementParser
{
    /// <summary>
    /// The first <c>&lt;topology&gt;</c>: sockets, cores and threads are required and non-zero; dies (and in 11.x
    /// clusters) are optional, non-zero, and default to 1.
    /// </summary>
    private bool ParseTopology(ref CpuDefinition cpu)
    {
        if (_cpu.First("topology") is not { } topology)
        {
            return true;
        }

        if (UInt(topology, "sockets", required: true, nonZero: true) is not { } sockets
            || UIntOrDefault(topology, "dies") is not { } dies
            || (Is11 ? UIntOrDefault(topology, "clusters") : 1) is not { } clusters
            || UInt(topology, "cores", required: true, nonZero: true) is not { } cores
            || UInt(topology, "threads", required: true, nonZero: true) is not { } threads)
        {
            return false;
        }

        cpu = cpu with { Topology = new CpuTopology(sockets, dies, clusters, cores, threads) };
        return true;
    }

    /// <summary>
    /// Every <c>&lt;feature&gt;</c>, in order. Guests: <c>policy</c> defaults to require; hosts: any policy is ignored.
    /// Names must be non-empty and unique, and a custom-mode CPU needs a model to list features.
    /// </summary>
    private bool ParseFeatures(ref CpuDefinition cpu)
    {
        var elements = _cpu.Children("feature").ToList();
        if (elements.Count == 0)
        {
            return true;
        }

        if (cpu.Model is null && cpu.Mode == CpuMode.Custom)
        {
            return FailBool(LibvirtDiagnostics.FeaturesWithoutModel(Span(elements[0])));
        }

        var features = ImmutableArray.CreateBuilder<CpuFeature>(elements.Count);
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            FeaturePolicy? policy = null;
            if (cpu.Type == CpuType.Guest)
            {
                policy = FeaturePolicy.Require;
                if (element.Attribute("policy") is { } policyAttribute)
                {
                    policy = CpuEnumNames.ParsePolicy(policyAttribute.Value);
                    if (policy is null)
                    {
                        return FailBool(Invalid(policyAttribute, "'force', 'require', 'optional', 'disable' or 'forbid'"));
                    }
                }
            }

            if (element.Attribute("name")?.Value is not { Length: > 0 } name)
            {
                return FailBool(LibvirtDiagnostics.MissingAttribute(Span(element), "feature", "name", "<feature policy='require' name='vmx'/>"));
            }

            if (!seen.TryAdd(name, Span(element)))
            {
                return FailBool(LibvirtDiagnostics.DuplicateCpuFeature(Span(element), name, seen[name]));
            }

            features.Add(new CpuFeature(name, policy));
        }

        cpu = cpu with { Features = features.MoveToImmutable() };
        return true;
    }

    /// <summary>At most one <c>&lt;cache&gt;</c>: optional level 1-3, required mode emulate|passthrough|disable.</summary>
    private bool ParseCache(ref CpuDefinition cpu)
    {
        var caches = _cpu.Children("cache").ToList();
        if (caches.Count == 0)
        {
            return true;
        }

        if (caches.Count > 1)
        {
            return FailBool(LibvirtDiagnostics.TooManyCaches(Span(caches[1])));
        }

        var cache = caches[0];
        int? level = null;
        if (cache.Attribute("level") is { } levelAttribute)
        {
            if (!CNumbers.TryParseNonNegativeInt32(levelAttribute.Value, out var l) || l is < 1 or > 3)
            {
                return FailBool(LibvirtDiagnostics.InvalidNumber(Span(levelAttribute), "cache", "level", levelAttribute.Value, "1, 2 or 3"));
            }

            level = l;
        }

        if (cache.Attribute("mode") is not { } mode)
        {
            return FailBool(LibvirtDiagnostics.MissingAttribute(Span(cache), "cache", "mode", "mode='passthrough'"));
        }

        if (mode.Value is not ("emulate" or "passthrough" or "disable"))
        {
            return FailBool(Invalid(mode, "'emulate', 'passthrough' or 'disable'"));
        }

        cpu = cpu with { Cache = new CpuCache(level, mode.Value) };
        return true;
    }

    /// <summary>
    /// The first <c>&lt;maxphysaddr&gt;</c>: required mode emulate|passthrough, optional bits; 11.x adds an optional
    /// non-zero limit, allowed only with mode passthrough.
    /// </summary>
    private bool ParseMaxPhysAddr(ref CpuDefinition cpu)
    {
        if (_cpu.First("maxphysaddr") is not { } element)
        {
            return true;
        }

        if (element.Attribute("mode") is not { } mode)
        {
            return FailBool(LibvirtDiagnostics.MissingAttribute(Span(element), "maxphysaddr", "mode", "mode='passthrough'"));
        }

        if (mode.Value is not ("emulate" or "passthrough"))
        {
            return FailBool(Invalid(mode, "'emulate' or 'passthrough'"));
        }

        uint? bits = null;
        if (element.Attribute("bits") is { } bitsAttribute)
        {
            if (!CNumbers.TryParseNonNegativeInt32(bitsAttribute.Value, out var b))
            {
                return FailBool(LibvirtDiagnostics.InvalidNumber(Span(bitsAttribute), "maxphysaddr", "bits", bitsAttribute.Value, "a number of address bits such as 42"));
            }

            bits = (uint)b;
        }

        uint? limit = null;
        if (Is11 && element.Attribute("limit") is not null)
        {
            if (UInt(element, "limit", required: true, nonZero: true) is not { } l)
            {
                return false;
            }

            if (mode.Value != "passthrough")
            {
                return FailBool(LibvirtDiagnostics.AttributeNotAllowed(Span(element.Attribute("limit")!),
                    "the 'limit' attribute of <maxphysaddr> is only supported with mode='passthrough'."));
            }

            limit = l;
        }

        cpu = cpu with { MaxPhysAddr = new CpuMaxPhysAddr(mode.Value, bits, limit) };
        return true;
    }

    /// <summary>A decimal unsigned attribute (libvirt's <c>virXMLPropUInt</c>); null (with the error set) when it fails.</summary>
    private uint? UInt(XElement element, string name, bool required, bool nonZero)
    {
        var attribute = element.Attribute(name);
        if (attribute is null)
        {
            if (required)
            {
                _error = LibvirtDiagnostics.MissingAttribute(Span(element), element.Name.LocalName, name, $"{name}='1'");
            }

            return null;
        }

        if (!CNumbers.TryParseUInt32(attribute.Value, 10, out var value) || (nonZero && value == 0))
        {
            _error = LibvirtDiagnostics.InvalidNumber(Span(attribute), element.Name.LocalName, name, attribute.Value,
                nonZero ? "a decimal number greater than zero" : "a decimal number");
            return null;
        }

        return value;
    }

    /// <summary>An optional non-zero count that defaults to 1 (<c>dies</c>, <c>clusters</c>).</summary>
    private uint? UIntOrDefault(XElement element, string name) =>
        element.Attribute(name) is null ? 1 : UInt(element, name, required: false, nonZero: true);
}
