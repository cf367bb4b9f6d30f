using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Binding;

/// <summary>
/// Moves the facts a libvirt cpu_map cannot hold from one database onto another by name: quirk rules (libvirt keeps
/// its quirks in C), feature tags (which features are security-relevant) and ABI levels. A map loaded at run time gets
/// the built-in database's facts this way.
/// </summary>
public static class FactRebinder
{
    /// <summary>
    /// <paramref name="target"/> with the rules, tags and levels of <paramref name="source"/> added, per architecture; a
    /// rule or level that names a vendor or feature the target lacks is left out with a warning.
    /// </summary>
    public static (CpuDatabase Database, ImmutableArray<Diagnostic> Diagnostics) AddFacts(CpuDatabase target, CpuDatabase source)
    {
        var diagnostics = new DiagnosticBag();
        var archs = new List<ArchDatabase>();
        foreach (var arch in target.Architectures)
        {
            if (source.For(arch.Family) is not { } from)
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
                    diagnostics.Add(BindingDiagnostics.NotRebound(rule.Span, $"rule '{rule.Name}'", missing ?? "matching names"));
                    continue;
                }

                rules.Add(rule with { Condition = condition, Drop = drop });
            }

            var features = arch.Features.Select(f => from.FindFeature(f.Name) is { Tags.IsEmpty: false } known
                ? f with { Tags = f.Tags.AddRange(known.Tags.Where(t => !f.Tags.Contains(t))) }
                : f).ToImmutableArray();
            var levels = arch.Levels.ToBuilder();
            foreach (var level in from.Levels)
            {
                string? missing = null;
                var set = Rebind(level.Features, from, arch, ref missing);
                int? baseIndex = level.BaseIndex is { } b ? IndexOf(levels, from.Levels[b].Name) : null;
                if (missing is not null || (level.BaseIndex is not null && baseIndex is null) || levels.Any(l => l.Name == level.Name))
                {
                    diagnostics.Add(BindingDiagnostics.NotRebound(level.Span, $"level '{level.Name}'", missing ?? "its base level"));
                    continue;
                }

                levels.Add(level with { Features = set, BaseIndex = baseIndex });
            }

            archs.Add(new ArchDatabase(arch.Family, arch.Vendors, features, arch.Models, rules.ToImmutable(), arch.Dependencies, arch.Pools)
            {
                Levels = levels.ToImmutable(),
                Checks = arch.Checks,
            });
        }

        return (new CpuDatabase(target.Generation, target.Source, archs), diagnostics.ToImmutable());
    }

    private static int? IndexOf(ImmutableArray<AbiLevel>.Builder levels, string name)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Name == name)
            {
                return i;
            }
        }

        return null;
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
