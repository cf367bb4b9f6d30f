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

    public ArchDatabase Bind()
    {
        BindVendors();
        BindFeatures();
        BindModels();
        BindRules();
        BindDependencies();
        BindPools();
        CheckModelDependencies();
        return new ArchDatabase(_arch, [.. _vendors], [.. _features], _models, [.. _rules], [.. _dependencies], [.. _pools]);
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
