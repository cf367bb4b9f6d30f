using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Binding;

internal sealed partial class ArchBinder
{
    private void BindRules()
    {
        var names = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (index, r) in Items<RuleDeclaration>())
        {
            var condition = BindCondition(r.Condition, index);
            var drop = ResolveFeatures(r.Drop, index);
            if (Declare(names, "rule", r.Name, _rules.Count, index) && condition is not null)
            {
                _rules.Add(new RuleDefinition(r.Name.Name, condition, drop, r.Span));
            }
        }
    }

    private RuleCondition? BindCondition(ConditionSyntax syntax, int index)
    {
        switch (syntax)
        {
            case AndCondition and:
                var all = and.Operands.Select(o => BindCondition(o, index)).ToList();
                return all.Contains(null) ? null : new AllOfCondition([.. all!]);
            case OrCondition or:
                var any = or.Operands.Select(o => BindCondition(o, index)).ToList();
                return any.Contains(null) ? null : new AnyOfCondition([.. any!]);
            case NotCondition not:
                return BindCondition(not.Operand, index) is { } operand ? new NotRuleCondition(operand) : null;
            case VendorCondition vendor:
                return ResolveVendor(vendor.Vendor, index) is { } id ? new VendorIsCondition(id, vendor.Vendor.Name) : null;
            case CompareCondition compare:
                return new FieldCompareCondition(compare.Field, compare.Operator, compare.Value);
            case InCondition @in:
                return new FieldInCondition(@in.Field, @in.Values);
            case HasCondition has:
                var before = _diagnostics.Count;
                var mask = ResolveFeatures(has.Features, index);
                return _diagnostics.Count == before ? new HasFeaturesCondition(mask, [.. has.Features.Select(f => f.Name)]) : null;
            default:
                throw new InvalidOperationException($"Unexpected condition {syntax.GetType().Name}.");
        }
    }

    private FeatureSet ResolveFeatures(ImmutableArray<NameRef> names, int index)
    {
        var set = FeatureSet.Empty;
        foreach (var name in names.IsDefault ? [] : names)
        {
            if (ResolveFeature(name, index) is { } id)
            {
                set = set.With(id);
            }
        }

        return set;
    }

    private void BindDependencies()
    {
        foreach (var (index, d) in Items<DependencyDeclaration>())
        {
            var requires = ResolveFeatures(d.Requires, index);
            foreach (var name in d.Features)
            {
                if (ResolveFeature(name, index) is { } id)
                {
                    _dependencies.Add(new FeatureDependency(id, requires.Without(id), d.Span));
                }
            }
        }
    }

    private void BindPools()
    {
        var names = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (index, p) in Items<PoolDeclaration>())
        {
            var forbid = ResolveFeatures(p.Forbid, index);
            var require = ResolveFeatures(p.Require, index);
            foreach (var id in forbid & require)
            {
                _diagnostics.Add(BindingDiagnostics.PoolConflict(p.Name.Span, p.Name.Name, _features[id].Name));
            }

            var prefer = p.Prefer.Select(m => ResolveModel(m, int.MaxValue)).OfType<int>().ToImmutableArray();
            var allow = p.Allow.Select(m => ResolveModel(m, int.MaxValue)).OfType<int>().ToImmutableArray();
            int? vendor = p.Vendor is { } v ? ResolveVendor(v, index) : null;
            if (Declare(names, "pool", p.Name, _pools.Count, index))
            {
                _pools.Add(new PoolPolicy(p.Name.Name, forbid, require, prefer, allow, vendor, p.Migratable, p.Span));
            }
        }
    }

    /// <summary>Warns about models that contain a feature without a feature it depends on.</summary>
    private void CheckModelDependencies()
    {
        foreach (var model in _models)
        {
            foreach (var dependency in _dependencies)
            {
                if (!model.Features.Contains(dependency.FeatureId))
                {
                    continue;
                }

                foreach (var missing in dependency.Requires.Except(model.Features))
                {
                    _diagnostics.Add(BindingDiagnostics.BreaksDependency(
                        model.Span, model.Name, _features[dependency.FeatureId].Name, _features[missing].Name));
                }
            }
        }
    }
}
