using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>
/// The compiled, immutable database of one architecture family: vendors, features and models in map order
/// (ids are positions), the rules, dependencies, ABI levels, pool policies and checks, and name lookups.
/// </summary>
/// <remarks>
/// Built at the start of every command, so it builds only what is cheap: the name lookups are plain dictionaries
/// (never changed after this constructor; a frozen dictionary looks up a little faster but costs several times the
/// memory and time to build, and a command looks up names only once per distinct CPU), and the
/// <see cref="Locator"/>, which only raw CPUID/MSR data needs, is built on first use.
/// </remarks>
public sealed class ArchDatabase
{
    private readonly Dictionary<string, int> _vendorByName;
    private readonly Dictionary<string, int> _featureByName;
    private readonly Dictionary<string, int> _featureByAlias;
    private readonly Dictionary<string, int> _modelByName;
    private readonly Dictionary<string, int> _poolByName;
    private readonly Lazy<FeatureLocator> _locator;

    public ArchDatabase(
        ArchFamily family,
        ImmutableArray<VendorDefinition> vendors,
        ImmutableArray<FeatureDefinition> features,
        ImmutableArray<ModelDefinition> models,
        ImmutableArray<RuleDefinition> rules,
        ImmutableArray<FeatureDependency> dependencies,
        ImmutableArray<PoolPolicy> pools)
    {
        Family = family;
        Vendors = vendors;
        Features = features;
        Models = models;
        Rules = rules;
        Dependencies = dependencies;
        Pools = pools;
        _vendorByName = ByName(vendors.Length, vendors.Select(v => (v.Name, v.Id)));
        _featureByName = ByName(features.Length, features.Select(f => (f.Name, f.Id)));
        _featureByAlias = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in features)
        {
            foreach (var a in f.Aliases)
            {
                // A name that is itself a feature never becomes an alias of another one.
                if (!_featureByName.ContainsKey(a.Name))
                {
                    _featureByAlias.TryAdd(a.Name, f.Id);
                }
            }
        }

        _modelByName = ByName(models.Length, models.Select(m => (m.Name, m.Id)));
        _poolByName = ByName(pools.Length, pools.Select((p, i) => (p.Name, i)));
        AllFeatures = FeatureSet.FirstN(features.Length);
        NonMigratable = FeatureSet.Of(features.Where(f => !f.Migratable).Select(f => f.Id));
        _locator = new Lazy<FeatureLocator>(() => new FeatureLocator(features));
    }

    /// <summary>A lookup by name. A name given twice throws <see cref="ArgumentException"/>, which the binary reader reports as a damaged file.</summary>
    private static Dictionary<string, int> ByName(int count, IEnumerable<(string Name, int Id)> entries)
    {
        var lookup = new Dictionary<string, int>(count, StringComparer.Ordinal);
        foreach (var (name, id) in entries)
        {
            lookup.Add(name, id);
        }

        return lookup;
    }

    public ArchFamily Family { get; }

    public ImmutableArray<VendorDefinition> Vendors { get; }

    public ImmutableArray<FeatureDefinition> Features { get; }

    public ImmutableArray<ModelDefinition> Models { get; }

    public ImmutableArray<RuleDefinition> Rules { get; }

    public ImmutableArray<FeatureDependency> Dependencies { get; }

    public ImmutableArray<PoolPolicy> Pools { get; }

    /// <summary>The ABI levels, in declaration order (each after its base): x86-64-v1 … v4 for x86.</summary>
    public ImmutableArray<AbiLevel> Levels { get; init; } = [];

    /// <summary>The <c>check</c> statements about pools, in declaration order.</summary>
    public ImmutableArray<PoolCheck> Checks { get; init; } = [];

    /// <summary>Every feature of the architecture.</summary>
    public FeatureSet AllFeatures { get; }

    /// <summary>The features marked non-migratable (libvirt's migration blockers: <c>invtsc</c>, <c>xsaves</c>).</summary>
    public FeatureSet NonMigratable { get; }

    /// <summary>Finds which features raw CPUID/MSR data announces; built on first use.</summary>
    public FeatureLocator Locator => _locator.Value;

    public VendorDefinition? FindVendor(string name) => _vendorByName.TryGetValue(name, out var id) ? Vendors[id] : null;

    /// <summary>The feature with this exact (libvirt) name.</summary>
    public FeatureDefinition? FindFeature(string name) => _featureByName.TryGetValue(name, out var id) ? Features[id] : null;

    /// <summary>The feature with this name or, failing that, this alias (QEMU or Linux spelling).</summary>
    public FeatureDefinition? FindFeatureOrAlias(string name) =>
        _featureByName.TryGetValue(name, out var id) || _featureByAlias.TryGetValue(name, out id) ? Features[id] : null;

    public ModelDefinition? FindModel(string name) => _modelByName.TryGetValue(name, out var id) ? Models[id] : null;

    public PoolPolicy? FindPool(string name) => _poolByName.TryGetValue(name, out var i) ? Pools[i] : null;

    /// <summary>The highest ABI level (the last declared) whose features are all in <paramref name="features"/>, or null.</summary>
    public AbiLevel? LevelOf(in FeatureSet features)
    {
        AbiLevel? best = null;
        foreach (var level in Levels)
        {
            if (level.IsMetBy(features) && (best is null || level.Features.IsSupersetOf(best.Features)))
            {
                best = level;
            }
        }

        return best;
    }

    public IEnumerable<string> FeatureNames => Features.Select(f => f.Name);

    public IEnumerable<string> ModelNames => Models.Select(m => m.Name);

    public IEnumerable<string> VendorNames => Vendors.Select(v => v.Name);

    /// <summary>The names of the features in <paramref name="set"/>, in map order.</summary>
    public List<string> NamesOf(in FeatureSet set)
    {
        var names = new List<string>(set.PopCount());
        foreach (var id in set)
        {
            names.Add(Features[id].Name);
        }

        return names;
    }
}
