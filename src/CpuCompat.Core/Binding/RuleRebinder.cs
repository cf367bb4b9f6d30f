using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Binding;

/// <summary>
/// Moves rules compiled against one database onto another by name. A libvirt cpu_map has no rules (libvirt keeps
/// its quirks in C), so a map loaded at run time gets the built-in database's quirk rules this way.
/// </summary>
public static class RuleRebinder
{
    /// <summary>
    /// <paramref name="target"/> with the rules of <paramref name="source"/> added, per architecture; a rule that names a
    /// vendor or feature the target lacks is left out with a warning.
    /// </summary>
    public static (CpuDatabase Database, ImmutableArray<Diagnostic> Diagnostics) AddRules(CpuDatabase target, CpuDatabase source)
    {
        var diagnostics = new DiagnosticBag();
        var archs = new List<ArchDatabase>();
        foreach (var arch in target.Architectures)
        {
            var from = source.For(arch.Family);
            if (from is null || from.Rules.IsEmpty)
            {
                archs.Add(arch);
                continue;
            }

            var rules = arch.Rules.ToBuilder();
            foreach (var rule in from.Rules)
            {
                string? missing = null;
                var condition = Rebind(rule.Condition, from, arch, ref missing);
                var drop = Rebind(rule.Drop, from, arch, ref missing);
                if (missing is not null || condition is null)
                {
                    diagnostics.Add(BindingDiagnostics.NotRebound(rule.Span, rule.Name, missing ?? "matching names"));
                    continue;
                }

                rules.Add(rule with { Condition = condition, Drop = drop });
            }

            archs.Add(new ArchDatabase(arch.Family, arch.Vendors, arch.Features, arch.Models, rules.ToImmutable(), arch.Dependencies, arch.Pools));
        }

        return (new CpuDatabase(target.Generation, target.Source, archs), diagnostics.ToImmutable());
    }

    private static RuleCondition? Rebind(RuleCondition condition, ArchDatabase from, ArchDatabase to, ref string? missing)
    {
        switch (condition)
        {
            case AllOfCondition all:
                var a = new List<RuleCondition>();
                foreach (var o in all.Operands)
                {
                    if (Rebind(o, from, to, ref missing) is not { } r)
                    {
                        return null;
                    }

                    a.Add(r);
                }

                return new AllOfCondition([.. a]);
            case AnyOfCondition any:
                var b = new List<RuleCondition>();
                foreach (var o in any.Operands)
                {
                    if (Rebind(o, from, to, ref missing) is not { } r)
                    {
                        return null;
                    }

                    b.Add(r);
                }

                return new AnyOfCondition([.. b]);
            case NotRuleCondition not:
                return Rebind(not.Operand, from, to, ref missing) is { } operand ? new NotRuleCondition(operand) : null;
            case VendorIsCondition vendor:
                if (to.FindVendor(vendor.VendorName) is { } v)
                {
                    return new VendorIsCondition(v.Id, v.Name);
                }

                missing = $"vendor '{vendor.VendorName}'";
                return null;
            case HasFeaturesCondition has:
                var mask = FeatureSet.Empty;
                foreach (var name in has.FeatureNames)
                {
                    if (to.FindFeature(name) is not { } f)
                    {
                        missing = $"feature '{name}'";
                        return null;
                    }

                    mask = mask.With(f.Id);
                }

                return new HasFeaturesCondition(mask, has.FeatureNames);
            default:
                return condition;
        }
    }

    private static FeatureSet Rebind(FeatureSet set, ArchDatabase from, ArchDatabase to, ref string? missing)
    {
        var result = FeatureSet.Empty;
        foreach (var id in set)
        {
            var name = from.Features[id].Name;
            if (to.FindFeature(name) is { } f)
            {
                result = result.With(f.Id);
            }
            else
            {
                missing = $"feature '{name}'";
            }
        }

        return result;
    }
}
