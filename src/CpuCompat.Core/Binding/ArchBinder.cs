using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Binding;

/// <summary>Binds the declarations of one architecture family. One instance per bind; not reused.</summary>
internal sealed partial class ArchBinder
{
    private readonly ArchFamily _arch;
    private readonly LibvirtGeneration _generation;
    private readonly bool _declareBeforeUse;
    private readonly IReadOnlyList<(int Index, ArchDeclaration Declaration)> _items;
    private readonly DiagnosticBag _diagnostics;

    private readonly Dictionary<string, Entry> _vendorNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _featureNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _modelNames = new(StringComparer.Ordinal);

    private readonly List<VendorDefinition> _vendors = [];
    private readonly List<FeatureDefinition> _features = [];
    private ImmutableArray<ModelDefinition> _models = [];
    private readonly List<RuleDefinition> _rules = [];
    private readonly List<FeatureDependency> _dependencies = [];
    private readonly List<PoolPolicy> _pools = [];
    private readonly List<AbiLevel> _levels = [];
    private readonly List<PoolCheck> _checks = [];
    private readonly Dictionary<string, Entry> _poolNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _levelNames = new(StringComparer.Ordinal);

    /// <summary>The database being extended with policy declarations, or null when binding a whole database.</summary>
    private readonly ArchDatabase? _existing;

    public ArchBinder(
        ArchFamily arch,
        LibvirtGeneration generation,
        bool declareBeforeUse,
        IReadOnlyList<(int Index, ArchDeclaration Declaration)> items,
        DiagnosticBag diagnostics)
    {
        _arch = arch;
        _generation = generation;
        _declareBeforeUse = declareBeforeUse;
        _items = items;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// A binder that adds policy declarations (pools, checks, ABI levels, tags) to a compiled database: the names they
    /// use resolve against it as if declared before them; anything else a policy cannot declare is an error.
    /// </summary>
    public ArchBinder(ArchDatabase existing, LibvirtGeneration generation, IReadOnlyList<(int Index, ArchDeclaration Declaration)> items, DiagnosticBag diagnostics)
        : this(existing.Family, generation, declareBeforeUse: false, items, diagnostics)
    {
        _existing = existing;
        foreach (var v in existing.Vendors)
        {
            _vendorNames.Add(v.Name, new Entry(v.Id, -1, v.Span));
            _vendors.Add(v);
        }

        foreach (var f in existing.Features)
        {
            _featureNames.Add(f.Name, new Entry(f.Id, -1, f.Span));
            _features.Add(f);
        }

        foreach (var m in existing.Models)
        {
            _modelNames.Add(m.Name, new Entry(m.Id, -1, m.Span));
        }

        _models = existing.Models;
        _rules.AddRange(existing.Rules);
        _dependencies.AddRange(existing.Dependencies);
        for (var i = 0; i < existing.Pools.Length; i++)
        {
            _poolNames.Add(existing.Pools[i].Name, new Entry(i, -1, existing.Pools[i].Span));
            _pools.Add(existing.Pools[i]);
        }

        for (var i = 0; i < existing.Levels.Length; i++)
        {
            _levelNames.Add(existing.Levels[i].Name, new Entry(i, -1, existing.Levels[i].Span));
            _levels.Add(existing.Levels[i]);
        }

        _checks.AddRange(existing.Checks);
    }

    public ArchDatabase Bind()
    {
        if (_existing is null)
        {
            BindVendors();
            BindFeatures();
            BindModels();
            BindRules();
            BindDependencies();
        }
        else
        {
            RefuseNonPolicies();
            BindTags();
        }

        BindLevels();
        BindPools();
        BindChecks();
        if (_existing is null)
        {
            CheckModelDependencies();
        }

        return new ArchDatabase(_arch, [.. _vendors], [.. _features], _models, [.. _rules], [.. _dependencies], [.. _pools])
        {
            Levels = [.. _levels],
            Checks = [.. _checks],
        };
    }

    /// <summary>A policy added to a compiled database declares no vendor, feature, alias, model, rule or dependency.</summary>
    private void RefuseNonPolicies()
    {
        foreach (var (_, d) in _items)
        {
            var what = d switch
            {
                VendorDeclaration => "a vendor",
                FeatureDeclaration => "a feature",
                AliasDeclaration => "an alias",
                ModelDeclaration => "a model",
                RuleDeclaration => "a rule",
                DependencyDeclaration => "a dependency",
                _ => null,
            };
            if (what is not null)
            {
                _diagnostics.Add(BindingDiagnostics.NotAPolicy(d.Span, what));
            }
        }
    }

    private IEnumerable<(int Index, T Declaration)> Items<T>()
        where T : ArchDeclaration
    {
        foreach (var (index, declaration) in _items)
        {
            if (declaration is T t)
            {
                yield return (index, t);
            }
        }
    }

    /// <summary>A declared name: its id, the position of its declaration, and where it was declared.</summary>
    private readonly record struct Entry(int Id, int DeclarationIndex, SourceSpan Span);

    private int? ResolveFeature(NameRef name, int usedAt) => Resolve(_featureNames, "feature", name, usedAt);

    private int? ResolveVendor(NameRef name, int usedAt) => Resolve(_vendorNames, "vendor", name, usedAt);

    private int? ResolveModel(NameRef name, int usedAt) => Resolve(_modelNames, "model", name, usedAt);

    private int? ResolvePool(NameRef name) => Resolve(_poolNames, "pool", name, int.MaxValue);

    private int? ResolveLevel(NameRef name) => Resolve(_levelNames, "level", name, int.MaxValue);

    private int? Resolve(Dictionary<string, Entry> table, string kind, NameRef name, int usedAt)
    {
        if (!table.TryGetValue(name.Name, out var entry))
        {
            _diagnostics.Add(BindingDiagnostics.Unknown(name.Span, kind, name.Name, table.Keys));
            return null;
        }

        if (_declareBeforeUse && entry.DeclarationIndex > usedAt)
        {
            _diagnostics.Add(BindingDiagnostics.UsedTooEarly(name.Span, kind, name.Name));
            return null;
        }

        // Id -1: a name declared past the feature capacity, already reported.
        return entry.Id < 0 ? null : entry.Id;
    }

    /// <summary>Registers a name; reports a duplicate and returns false when it is taken.</summary>
    private bool Declare(Dictionary<string, Entry> table, string kind, NameRef name, int id, int declarationIndex)
    {
        if (table.TryGetValue(name.Name, out var existing))
        {
            _diagnostics.Add(BindingDiagnostics.Duplicate(name.Span, kind, name.Name, existing.Span));
            return false;
        }

        table.Add(name.Name, new Entry(id, declarationIndex, name.Span));
        return true;
    }
}
