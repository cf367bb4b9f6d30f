using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Libvirt.CpuMap;

public sealed partial class CpuMapWriter
{
    /// <summary>How a model is written: its ancestor (if kept) and the features it lists as its own.</summary>
    private readonly record struct ModelShape(ModelDefinition? Ancestor, FeatureSet Own, bool AliasOnly);

    private string RenderModel(ArchDatabase arch, ModelDefinition model)
    {
        var sb = new StringBuilder("<cpus>\n  <model name='").Append(XmlEscape.Escape(model.Name)).Append("'>\n");
        if (arch.Family == ArchFamily.X86)
        {
            RenderX86Model(arch, model, sb);
        }
        else
        {
            RenderPvrModel(arch, model, sb);
        }

        return sb.Append("  </model>\n</cpus>\n").ToString();
    }

    private void RenderX86Model(ArchDatabase arch, ModelDefinition model, StringBuilder sb)
    {
        if (model.CompatCheck)
        {
            if (Is11)
            {
                sb.Append("    <check partial='compat'/>\n");
            }
            else
            {
                _diagnostics.Add(LibvirtDiagnostics.ModelNotWritable(model.Span, model.Name, "a 9.x map has no <check partial='compat'/>"));
            }
        }

        sb.Append("    <decode host='").Append(model.DecodeHost ? "on" : "off").Append("' guest='").Append(model.DecodeGuest ? "on" : "off").Append("'/>\n");
        var shape = ShapeOf(arch, model);
        if (shape.Ancestor is { } ancestor)
        {
            sb.Append("    <model name='").Append(XmlEscape.Escape(ancestor.Name)).Append("'/>\n");
        }

        // A pure alias is its ancestor's name and nothing else: any other element would make it a model of its own.
        if (shape.AliasOnly)
        {
            return;
        }

        foreach (var signature in model.Signatures)
        {
            sb.Append("    <signature family='").Append(signature.Family).Append("' model='").Append(signature.Model).Append('\'');
            if (signature.SteppingText is { } steppings)
            {
                sb.Append(" stepping='").Append(steppings).Append('\'');
            }

            sb.Append("/>\n");
        }

        if (model.VendorId is { } vendor)
        {
            sb.Append("    <vendor name='").Append(XmlEscape.Escape(arch.Vendors[vendor].Name)).Append("'/>\n");
        }

        if (!Is11 && !model.Added.IsEmpty)
        {
            _diagnostics.Add(LibvirtDiagnostics.ModelNotWritable(model.Span, model.Name, "a 9.x map reads added='yes' features as ordinary ones"));
        }

        foreach (var (name, attribute) in FeatureEntries(arch, model, shape.Own))
        {
            sb.Append("    <feature name='").Append(XmlEscape.Escape(name)).Append('\'').Append(attribute).Append("/>\n");
        }
    }

    /// <summary>
    /// Keeps the ancestor when the loader would rebuild the same model from it: the ancestor comes earlier, the model
    /// keeps everything it inherits (libvirt cannot take features out), has a vendor and signatures wherever the
    /// ancestor has them, and (11.x) is a pure alias exactly when it was one. Otherwise the model is written flat.
    /// </summary>
    private ModelShape ShapeOf(ArchDatabase arch, ModelDefinition model)
    {
        if (model.AncestorId is not { } ancestorId)
        {
            return new ModelShape(null, model.Features, false);
        }

        var ancestor = arch.Models[ancestorId];
        var inherited = ancestor.Features;
        if (Is11)
        {
            inherited = inherited.Except(FeatureSet.Of(ancestor.Removed));
        }

        var own = model.Features.Except(inherited) | (model.OwnFeatures & model.Features);

        // What a pure alias reads back as: exactly the ancestor's vendor, signatures and (adjusted) features.
        var sameAsAncestor = model.Signatures.SequenceEqual(ancestor.Signatures) && model.VendorId == ancestor.VendorId
            && model.Features == inherited && model.Removed.IsEmpty && model.Added.IsEmpty;
        var writesOwnParts = !model.Signatures.IsEmpty || model.VendorId is not null || !own.IsEmpty || !model.Removed.IsEmpty || !model.Added.IsEmpty;
        string? problem =
            ancestor.Id >= model.Id ? "its ancestor comes later in the map"
            : !inherited.IsSubsetOf(model.Features) ? "it drops features it inherits, which a cpu_map cannot say"
            : model.VendorId is null && ancestor.VendorId is not null ? "it has no vendor while its ancestor has one"
            : model.Signatures.IsEmpty && !ancestor.Signatures.IsEmpty ? "it has no signature while its ancestor has some"
            : Is11 && model.IsAlias && !sameAsAncestor ? "it is an alias that differs from its ancestor"
            : Is11 && !model.IsAlias && !writesOwnParts ? "it would read back as a pure alias"
            : null;
        if (problem is null)
        {
            return new ModelShape(ancestor, own, Is11 && model.IsAlias);
        }

        _diagnostics.Add(LibvirtDiagnostics.AncestorNotWritten(model.Span, model.Name, ancestor.Name, problem));
        return new ModelShape(null, model.Features, false);
    }

    /// <summary>
    /// The model's feature elements: its own features, then its removed and added lists in their order. libvirt's files
    /// list everything by name; that order is kept when it does not reorder the removed or added lists.
    /// </summary>
    private static List<(string Name, string Attribute)> FeatureEntries(ArchDatabase arch, ModelDefinition model, FeatureSet own)
    {
        var included = arch.NamesOf(own).Order(StringComparer.Ordinal).Select(n => (n, ""));
        var removed = model.Removed.Select(id => (arch.Features[id].Name, " removed='yes'")).ToList();
        var added = model.Added.Select(id => (arch.Features[id].Name, " added='yes'")).ToList();
        var entries = included.Concat(removed).Concat(added).ToList();
        if (IsSorted(removed) && IsSorted(added))
        {
            entries = [.. entries.OrderBy(e => e.Item1, StringComparer.Ordinal)];
        }

        return entries;

        static bool IsSorted(List<(string Name, string)> list) =>
            list.Zip(list.Skip(1)).All(p => string.CompareOrdinal(p.First.Name, p.Second.Name) <= 0);
    }

    /// <summary>ppc64 and ARM models: a vendor and PVRs only; anything else has no place in their map files.</summary>
    private void RenderPvrModel(ArchDatabase arch, ModelDefinition model, StringBuilder sb)
    {
        if (model.AncestorId is { } ancestor)
        {
            _diagnostics.Add(LibvirtDiagnostics.AncestorNotWritten(model.Span, model.Name, arch.Models[ancestor].Name, "ppc64 and ARM maps have no ancestors"));
        }

        if (!model.Features.IsEmpty || !model.Removed.IsEmpty || !model.Added.IsEmpty || !model.Signatures.IsEmpty || !model.DecodeHost || !model.DecodeGuest || model.CompatCheck)
        {
            _diagnostics.Add(LibvirtDiagnostics.ModelNotWritable(model.Span, model.Name, "ppc64 and ARM models only have a vendor and PVRs"));
        }

        if (model.VendorId is { } vendor)
        {
            sb.Append("    <vendor name='").Append(XmlEscape.Escape(arch.Vendors[vendor].Name)).Append("'/>\n");
        }

        foreach (var pvr in model.Pvrs)
        {
            sb.Append("    <pvr value='").Append(Hex(pvr.Value, arch.Family == ArchFamily.Ppc64 ? 8 : 0)).Append('\'');
            if (pvr.Mask is { } mask)
            {
                sb.Append(" mask='").Append(Hex(mask, 8)).Append('\'');
            }

            sb.Append("/>\n");
        }
    }
}
