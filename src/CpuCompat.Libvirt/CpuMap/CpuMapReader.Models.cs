using System.Collections.Immutable;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Libvirt.CpuMap;

public sealed partial class CpuMapReader
{
    private void ReadModel(XElement model, ArchFamily family, string file)
    {
        if (RequireName(model, file) is not { } name)
        {
            return;
        }

        var declaration = family == ArchFamily.X86 ? ReadX86Model(model, name, file) : ReadPvrModel(model, family, name, file);
        if (declaration is not null)
        {
            _declarations.Add(declaration);
        }
    }

    /// <summary>
    /// An x86 model. Element order inside the model does not matter; each kind is looked up by name.
    /// 9.x ignores <c>&lt;check&gt;</c> and <c>added='yes'</c> (an added feature is then an ordinary one).
    /// </summary>
    private ModelDeclaration? ReadX86Model(XElement model, NameRef name, string file)
    {
        var ok = true;
        var compatCheck = _generation >= LibvirtGeneration.Libvirt11 && ReadCheck(model, file, ref ok);

        var (decodeHost, decodeGuest) = (true, true);
        if (model.First("decode") is not { } decode)
        {
            _diagnostics.Add(LibvirtDiagnostics.MissingElement(XmlSource.SpanOf(model, file), "model", "decode", "write <decode host='on' guest='on'/>"));
            ok = false;
        }
        else
        {
            decodeHost = ReadSwitch(decode, "host", file, ref ok);
            decodeGuest = ReadSwitch(decode, "guest", file, ref ok);
        }

        NameRef? ancestor = null;
        if (model.First("model") is { } parent)
        {
            ancestor = RequireReference(parent, file, ref ok);
        }

        var signatures = ImmutableArray.CreateBuilder<SignatureSyntax>();
        foreach (var signature in model.Children("signature"))
        {
            if (ReadSignature(signature, file) is { } s)
            {
                signatures.Add(s);
            }
            else
            {
                ok = false;
            }
        }

        NameRef? vendor = null;
        if (model.First("vendor") is { } v)
        {
            vendor = RequireReference(v, file, ref ok);
        }

        var features = ImmutableArray.CreateBuilder<ModelFeatureRef>();
        foreach (var feature in model.Children("feature"))
        {
            if (RequireReference(feature, file, ref ok) is not { } featureName)
            {
                continue;
            }

            var kind = ModelFeatureKind.Include;
            if (ReadYesNo(feature, "removed", file, ref ok))
            {
                kind = ModelFeatureKind.Removed;
            }
            else if (_generation >= LibvirtGeneration.Libvirt11 && ReadYesNo(feature, "added", file, ref ok))
            {
                kind = ModelFeatureKind.Added;
            }

            features.Add(new ModelFeatureRef(featureName, kind));
        }

        // A model with a broken part is left out, as libvirt refuses the whole map; the error is already reported.
        return ok
            ? new ModelDeclaration(ArchFamily.X86, name, ancestor, vendor, signatures.ToImmutable(), decodeHost, decodeGuest, compatCheck,
                features.ToImmutable(), [], XmlSource.SpanOf(model, file))
            : null;
    }

    /// <summary>11.x <c>&lt;check partial='compat'/&gt;</c>: <c>partial</c> is required and <c>compat</c> is its only value.</summary>
    private bool ReadCheck(XElement model, string file, ref bool ok)
    {
        if (model.First("check") is not { } check)
        {
            return false;
        }

        var partial = check.Attribute("partial");
        if (partial is null)
        {
            _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(XmlSource.SpanOf(check, file), "check", "partial", "partial='compat'"));
            ok = false;
            return false;
        }

        if (partial.Value != "compat")
        {
            _diagnostics.Add(LibvirtDiagnostics.InvalidValue(XmlSource.SpanOf(partial, file), "check", "partial", partial.Value, "'compat'"));
            ok = false;
            return false;
        }

        return true;
    }

    private SignatureSyntax? ReadSignature(XElement signature, string file)
    {
        var ok = true;
        var family = ReadDecimal(signature, "family", file, ref ok);
        var model = ReadDecimal(signature, "model", file, ref ok);
        ushort? steppings = null;
        if (signature.Attribute("stepping") is { } stepping)
        {
            steppings = SteppingList.Parse(stepping.Value);
            if (steppings is null)
            {
                _diagnostics.Add(LibvirtDiagnostics.InvalidStepping(XmlSource.SpanOf(stepping, file), stepping.Value));
                ok = false;
            }
        }

        // A zero family is reported by the binder, which checks signatures from every front end.
        return ok ? new SignatureSyntax(family, model, steppings, XmlSource.SpanOf(signature, file)) : null;
    }

    /// <summary>
    /// A ppc64 or ARM model: an optional vendor and at least one <c>&lt;pvr&gt;</c>. libvirt reads PVR values and masks
    /// as hexadecimal; a ppc64 PVR without a mask is reported by the binder.
    /// </summary>
    private ModelDeclaration? ReadPvrModel(XElement model, ArchFamily family, NameRef name, string file)
    {
        var ok = true;
        NameRef? vendor = null;
        if (model.First("vendor") is { } v)
        {
            vendor = RequireReference(v, file, ref ok);
        }

        var pvrs = ImmutableArray.CreateBuilder<PvrSyntax>();
        foreach (var pvr in model.Children("pvr"))
        {
            var value = pvr.Attribute("value");
            if (value is null)
            {
                _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(XmlSource.SpanOf(pvr, file), "pvr", "value", "value='0x004b0000'"));
                ok = false;
                continue;
            }

            uint? mask = null;
            if (!CNumbers.TryParseUInt32(value.Value, 16, out var parsed))
            {
                _diagnostics.Add(LibvirtDiagnostics.InvalidNumber(XmlSource.SpanOf(value, file), "pvr", "value", value.Value, "a hexadecimal number such as 0x004b0000"));
                ok = false;
                continue;
            }

            if (pvr.Attribute("mask") is { } maskAttribute)
            {
                if (!CNumbers.TryParseUInt32(maskAttribute.Value, 16, out var m))
                {
                    _diagnostics.Add(LibvirtDiagnostics.InvalidNumber(XmlSource.SpanOf(maskAttribute, file), "pvr", "mask", maskAttribute.Value, "a hexadecimal number such as 0xffff0000"));
                    ok = false;
                    continue;
                }

                mask = m;
            }

            pvrs.Add(new PvrSyntax(parsed, mask, XmlSource.SpanOf(pvr, file)));
        }

        if (pvrs.Count == 0 && ok)
        {
            _diagnostics.Add(LibvirtDiagnostics.MissingElement(XmlSource.SpanOf(model, file), "model", "pvr", "a model is recognised by its processor version register"));
            ok = false;
        }

        return ok
            ? new ModelDeclaration(family, name, null, vendor, [], true, true, false, [], pvrs.ToImmutable(), XmlSource.SpanOf(model, file))
            : null;
    }

    /// <summary>A reference to a vendor, feature or ancestor by its <c>name</c> attribute.</summary>
    private NameRef? RequireReference(XElement element, string file, ref bool ok)
    {
        if (RequireName(element, file) is { } name)
        {
            return name;
        }

        ok = false;
        return null;
    }

    /// <summary>A required <c>on</c>/<c>off</c> attribute (libvirt's tristate switch).</summary>
    private bool ReadSwitch(XElement element, string attribute, string file, ref bool ok)
    {
        switch (element.Attribute(attribute)?.Value)
        {
            case "on": return true;
            case "off": return false;
            case null:
                _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(XmlSource.SpanOf(element, file), element.Name.LocalName, attribute, $"{attribute}='on'"));
                break;
            case var other:
                _diagnostics.Add(LibvirtDiagnostics.InvalidValue(XmlSource.SpanOf(element.Attribute(attribute), file), element.Name.LocalName, attribute, other, "'on' or 'off'"));
                break;
        }

        ok = false;
        return true;
    }

    /// <summary>An optional <c>yes</c>/<c>no</c> attribute (libvirt's tristate bool); absent means no.</summary>
    private bool ReadYesNo(XElement element, string attribute, string file, ref bool ok)
    {
        switch (element.Attribute(attribute)?.Value)
        {
            case null or "no": return false;
            case "yes": return true;
            case var other:
                _diagnostics.Add(LibvirtDiagnostics.InvalidValue(XmlSource.SpanOf(element.Attribute(attribute), file), element.Name.LocalName, attribute, other, "'yes' or 'no'"));
                ok = false;
                return false;
        }
    }

    private uint ReadDecimal(XElement element, string attribute, string file, ref bool ok)
    {
        var a = element.Attribute(attribute);
        if (a is null)
        {
            _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(XmlSource.SpanOf(element, file), element.Name.LocalName, attribute));
            ok = false;
            return 0;
        }

        if (!CNumbers.TryParseUInt32(a.Value, 10, out var value))
        {
            _diagnostics.Add(LibvirtDiagnostics.InvalidNumber(XmlSource.SpanOf(a, file), element.Name.LocalName, attribute, a.Value, "a decimal number"));
            ok = false;
        }

        return value;
    }
}
