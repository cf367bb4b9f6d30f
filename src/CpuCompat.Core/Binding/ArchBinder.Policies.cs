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
            var condition = BindCondition(r.Condition, index, inPool: false);
            var drop = ResolveFeatures(r.Drop, index);
            if (Declare(names, "rule", r.Name, _rules.Count, index) && condition is not null)
            {
                _rules.Add(new RuleDefinition(r.Name.Name, condition, drop, r.Span));
            }
        }
    }

    /// <summary>
    /// A condition with its names resolved. Label and usability tests (<c>cluster = "east"</c>, <c>runs MODEL</c>) are
    /// about hosts of a fleet, so only pool selectors (<paramref name="inPool"/>) may use them.
    /// </summary>
    private RuleCondition? BindCondition(ConditionSyntax syntax, int index, bool inPool)
    {
        switch (syntax)
        {
            case AndCondition and:
                var all = and.Operands.Select(o => BindCondition(o, index, inPool)).ToList();
                return all.Contains(null) ? null : new AllOfCondition([.. all!]);
            case OrCondition or:
                var any = or.Operands.Select(o => BindCondition(o, index, inPool)).ToList();
                return any.Contains(null) ? null : new AnyOfCondition([.. any!]);
            case NotCondition not:
                return BindCondition(not.Operand, index, inPool) is { } operand ? new NotRuleCondition(operand) : null;
            case RunsCondition or LabelCondition when !inPool:
                _diagnostics.Add(BindingDiagnostics.HostTestOutsidePool(syntax.Span));
                return null;
            case RunsCondition runs:
                return ResolveModel(runs.Model, index) is { } model ? new RunsModelCondition(_models[model].Features, runs.Model.Name) : null;
            case LabelCondition label:
                RuleCondition test = new LabelIsCondition(label.Label.Name, label.Value);
                return label.Negated ? new NotRuleCondition(test) : test;
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
            int? minimum = p.Minimum is { } min ? ResolveModel(min, int.MaxValue) : null;
            var selectors = p.Selectors.IsDefault ? [] : p.Selectors.Select(c => BindCondition(c, int.MaxValue, inPool: true)).ToList();
            RuleCondition? selector = selectors.Count switch
            {
                0 => null,
                1 => selectors[0],
                _ => selectors.Contains(null) ? null : new AllOfCondition([.. selectors!]),
            };
            if (Declare(_poolNames, "pool", p.Name, _pools.Count, index))
            {
                _pools.Add(new PoolPolicy(p.Name.Name, forbid, require, prefer, allow, vendor, p.Migratable, p.Span) { Selector = selector, Minimum = minimum });
            }
        }
    }

    /// <summary>Each level holds its base's features and its own; a level must come after its base (cycles are impossible then).</summary>
    private void BindLevels()
    {
        foreach (var (index, l) in Items<LevelDeclaration>())
        {
            var features = ResolveFeatures(l.Features, index);
            int? baseIndex = null;
            if (l.Base is { } b)
            {
                if (b.Name == l.Name.Name)
                {
                    _diagnostics.Add(BindingDiagnostics.LevelOwnBase(b.Span, l.Name.Name));
                }
                else if (ResolveLevel(b) is { } found)
                {
                    baseIndex = found;
                    features |= _levels[found].Features;
                }
            }

            if (Declare(_levelNames, "level", l.Name, _levels.Count, index))
            {
                _levels.Add(new AbiLevel(l.Name.Name, baseIndex, features, l.Span));
            }
        }
    }

    private void BindChecks()
    {
        foreach (var (index, c) in Items<CheckDeclaration>())
        {
            if (ResolvePool(c.Pool) is not { } pool)
            {
                continue;
            }

            PoolCheck? check = c switch
            {
                GuestsCheckDeclaration g => new GuestsCheck(pool, g.Directory, g.Span),
                MinimumCheckDeclaration m => ResolveModel(m.Model, int.MaxValue) is { } model ? new MinimumCheck(pool, model, m.Span) : null,
                DeprecatedCheckDeclaration d => new DeprecatedCheck(pool, d.Span),
                ExposesCheckDeclaration e => new ExposesCheck(pool, ResolveFeatures(e.Features, index), e.Span),
                _ => null,
            };
            if (check is not null)
            {
                _checks.Add(check);
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
