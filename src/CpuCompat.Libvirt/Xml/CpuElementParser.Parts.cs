using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Libvirt.Xml.Elements;

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
        // Walks the children in place: a list of them per host would be the parser's biggest allocation.
        var count = _cpu.Count("feature");
        if (count == 0)
        {
            return true;
        }

        if (cpu.Model is null && cpu.Mode == CpuMode.Custom)
        {
            return FailBool(LibvirtDiagnostics.FeaturesWithoutModel(Span(_cpu.First("feature")!)));
        }

        var features = ImmutableArray.CreateBuilder<CpuFeature>(count);
        foreach (var element in _cpu.Elements)
        {
            if (!element.Is("feature"))
            {
                continue;
            }

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

            if (FirstWithName(features, name) is var first and >= 0)
            {
                return FailBool(LibvirtDiagnostics.DuplicateCpuFeature(Span(element), name, Span(_cpu.Nth("feature", first)!)));
            }

            features.Add(Feature(name, policy));
        }

        cpu = cpu with { Features = features.MoveToImmutable() };
        return true;
    }

    private CpuFeature Feature(string name, FeaturePolicy? policy)
    {
        return _features is null ? new CpuFeature(name, policy) : _features.Get(name, policy);
    }

    /// <summary>
    /// The index of the feature named <paramref name="name"/> so far, or -1. A CPU lists a few dozen features, for which
    /// a scan beats building a set per CPU; a long list (only a broken or hostile file has one) gets a set.
    /// </summary>
    private int FirstWithName(ImmutableArray<CpuFeature>.Builder features, string name)
    {
        if (features.Count > 64)
        {
            if (_featureIndex is null)
            {
                _featureIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < features.Count; i++)
                {
                    _featureIndex.TryAdd(features[i].Name, i);
                }
            }

            if (_featureIndex.TryGetValue(name, out var index))
            {
                return index;
            }

            _featureIndex.Add(name, features.Count);
            return -1;
        }

        for (var i = 0; i < features.Count; i++)
        {
            if (features[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>At most one <c>&lt;cache&gt;</c>: optional level 1-3, required mode emulate|passthrough|disable.</summary>
    private bool ParseCache(ref CpuDefinition cpu)
    {
        if (_cpu.First("cache") is not { } cache)
        {
            return true;
        }

        if (_cpu.Nth("cache", 1) is { } second)
        {
            return FailBool(LibvirtDiagnostics.TooManyCaches(Span(second)));
        }

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
                return FailBool(LibvirtDiagnostics.AttributeNotAllowed(Span(element.Attribute("limit")!.Value),
                    "the 'limit' attribute of <maxphysaddr> is only supported with mode='passthrough'."));
            }

            limit = l;
        }

        cpu = cpu with { MaxPhysAddr = new CpuMaxPhysAddr(mode.Value, bits, limit) };
        return true;
    }

    /// <summary>A decimal unsigned attribute (libvirt's <c>virXMLPropUInt</c>); null (with the error set) when it fails.</summary>
    private uint? UInt(ElementNode element, string name, bool required, bool nonZero)
    {
        if (element.Attribute(name) is not { } attribute)
        {
            if (required)
            {
                _error = LibvirtDiagnostics.MissingAttribute(Span(element), element.LocalName, name, $"{name}='1'");
            }

            return null;
        }

        if (!CNumbers.TryParseUInt32(attribute.Value, 10, out var value) || (nonZero && value == 0))
        {
            _error = LibvirtDiagnostics.InvalidNumber(Span(attribute), element.LocalName, name, attribute.Value,
                nonZero ? "a decimal number greater than zero" : "a decimal number");
            return null;
        }

        return value;
    }

    /// <summary>An optional non-zero count that defaults to 1 (<c>dies</c>, <c>clusters</c>).</summary>
    private uint? UIntOrDefault(ElementNode element, string name) =>
        element.Attribute(name) is null ? 1 : UInt(element, name, required: false, nonZero: true);
}
