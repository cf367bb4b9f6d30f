using System.Collections.Immutable;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Libvirt.CpuData;

namespace CpuCompat.Libvirt.CpuMap;

public sealed partial class CpuMapReader
{
    /// <summary>x86: <c>string</c> (12 characters, checked by the binder); ARM: hexadecimal <c>value</c>; ppc64: name only.</summary>
    private void ReadVendor(XElement vendor, ArchFamily family, string file)
    {
        if (RequireName(vendor, file) is not { } name)
        {
            return;
        }

        var span = XmlSource.SpanOf(vendor, file);
        string? cpuidString = null;
        uint? value = null;
        switch (family)
        {
            case ArchFamily.X86:
                cpuidString = vendor.Attribute("string")?.Value;
                if (cpuidString is null)
                {
                    _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(span, "vendor", "string", "string='GenuineIntel'"));
                    return;
                }

                break;
            case ArchFamily.Arm:
                // libvirt's ARM driver reads the value as hexadecimal (virXPathULongHex), with or without 0x.
                var attribute = vendor.Attribute("value");
                if (attribute is null)
                {
                    _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(span, "vendor", "value", "value='0x41'"));
                    return;
                }

                if (!CNumbers.TryParseUInt32(attribute.Value, 16, out var parsed))
                {
                    _diagnostics.Add(LibvirtDiagnostics.InvalidNumber(XmlSource.SpanOf(attribute, file), "vendor", "value", attribute.Value, "a hexadecimal number such as 0x41"));
                    return;
                }

                value = parsed;
                break;
        }

        _declarations.Add(new VendorDeclaration(family, name, cpuidString, value, span));
    }

    /// <summary>
    /// x86: aliases and data items in order (items with the same key are merged by the binder); only the literal
    /// <c>migratable='no'</c> makes a feature non-migratable. ARM features are names only. ppc64 has no features, which
    /// the binder reports.
    /// </summary>
    private void ReadFeature(XElement feature, ArchFamily family, string file)
    {
        if (RequireName(feature, file) is not { } name)
        {
            return;
        }

        var bits = ImmutableArray.CreateBuilder<FeatureBitsSyntax>();
        var aliases = ImmutableArray.CreateBuilder<FeatureAliasSyntax>();
        if (family == ArchFamily.X86)
        {
            foreach (var child in feature.Elements())
            {
                if (DataItemParser.IsAlias(child))
                {
                    // The CPU driver skips aliases; CpuCompat keeps them as other spellings of the name.
                    if (child.Attribute("name")?.Value is { Length: > 0 } alias)
                    {
                        aliases.Add(new FeatureAliasSyntax(alias, child.Attribute("source")?.Value, XmlSource.SpanOf(child, file)));
                    }
                    else
                    {
                        _diagnostics.Add(LibvirtDiagnostics.AliasWithoutName(XmlSource.SpanOf(child, file)));
                    }

                    continue;
                }

                if (DataItemParser.Parse(child, file, _diagnostics) is { } slot)
                {
                    bits.Add(new FeatureBitsSyntax(slot.Key, slot.Registers, XmlSource.SpanOf(child, file)));
                }
            }
        }

        var migratable = feature.Attribute("migratable")?.Value != "no";
        _declarations.Add(new FeatureDeclaration(family, name, bits.ToImmutable(), migratable, aliases.ToImmutable(), XmlSource.SpanOf(feature, file)));
    }
}
