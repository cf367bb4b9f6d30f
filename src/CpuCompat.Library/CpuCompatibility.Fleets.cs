using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Fleets;
using CpuCompat.Language.Compilation;
using CpuCompat.Partitions;
using CpuCompat.Pools;

namespace CpuCompat;

/// <summary>Fleets and migration pools: the questions libvirt answers one host at a time, for a whole fleet at once.</summary>
public sealed partial class CpuCompatibility
{
    /// <summary>
    /// The same database with a site's policy files compiled onto it: pools (which hosts, which policy), checks, ABI
    /// levels and tags, naming this database's features and models. Errors are the files' first diagnostic.
    /// </summary>
    public Outcome<CpuCompatibility> WithPolicies(IReadOnlyList<string> policyFiles)
    {
        if (policyFiles.Count == 0)
        {
            return this;
        }

        var compiled = DslCompiler.CompileOnto(policyFiles, Database);
        return compiled.Database is { } database ? Over(database) : Errors.From(compiled.Diagnostics.First(d => d.IsError));
    }

    /// <summary>A fleet from a JSON Lines file, a Kubernetes node list, OpenStack hypervisor records, or a directory of one file per host.</summary>
    public Outcome<Fleet> ReadFleet(string path, FleetReadOptions? options = null) => FleetReader.Read(path, Reader, options);

    /// <summary>A fleet from a stream (standard input: <c>--fleet -</c>).</summary>
    public Outcome<Fleet> ReadFleet(Stream stream, string name, FleetReadOptions? options = null) => FleetReader.Read(stream, name, Reader, options);

    /// <summary>The fleet's pools (the policies' pools, or the whole fleet; split by a label with <paramref name="by"/>).</summary>
    public ImmutableArray<Pool> Pools(Fleet fleet, string? by = null) => PoolPlanner.Plan(Engine, fleet, KindFacts.Of(Engine, fleet), by);

    /// <summary>
    /// Every pool's baseline, with what holds it back: for each pool, the guest CPU that runs on every member. With
    /// <paramref name="crossVendor"/> a pool of several vendors gets a vendor-free CPU instead of libvirt's refusal.
    /// </summary>
    public ImmutableArray<PoolBaseline> PoolBaselines(Fleet fleet, string? by = null, bool crossVendor = false)
    {
        var facts = KindFacts.Of(Engine, fleet);
        return [.. PoolPlanner.Plan(Engine, fleet, facts, by).Select(pool => PoolBaseline.Of(Engine, fleet, facts, pool, crossVendor))];
    }

    /// <summary>
    /// Why each pool's baseline is what it is: for every newer model, which hosts lack which of its features, and the
    /// baseline the pool would have without them.
    /// </summary>
    public ImmutableArray<PoolExplanation> ExplainPools(Fleet fleet, string? by = null, bool crossVendor = false)
    {
        var facts = KindFacts.Of(Engine, fleet);
        return [.. PoolPlanner.Plan(Engine, fleet, facts, by).Select(pool => PoolExplanation.Of(Engine, fleet, facts, PoolBaseline.Of(Engine, fleet, facts, pool, crossVendor), crossVendor))];
    }

    /// <summary>
    /// The verdicts of the policies' <c>check</c> statements over the fleet's pools (without any, every guest of
    /// <paramref name="guestsDirectory"/> on every pool). <paramref name="models"/> (QEMU's model list) tells deprecated models.
    /// </summary>
    public ImmutableArray<CheckResult> Check(Fleet fleet, IReadOnlyList<PoolBaseline> pools, string? guestsDirectory, Core.Engine.Drivers.AllowedModels? models = null) =>
        PoolChecks.Evaluate(Engine, fleet, pools, guestsDirectory, models);

    /// <summary>
    /// Whether a pool's baseline resolves to a model QEMU deprecates (<paramref name="models"/>: its
    /// <c>query-cpu-definitions</c> reply), and if so the nearest model it does not, with the features that keep the
    /// guest CPU the same; null when the model is not deprecated or the pool has no baseline.
    /// </summary>
    public DeprecatedModel? Deprecation(PoolBaseline pool, Core.Engine.Drivers.AllowedModels models) => DeprecatedModel.Of(Engine, pool, models);

    /// <summary>
    /// What a change does to the fleet's pools: <paramref name="after"/> is the changed fleet (see <see cref="FleetEdits"/>),
    /// <paramref name="afterDatabase"/> the database after the change when it is another libvirt's map (the fleet is then
    /// decoded again under it), and with <paramref name="guestsDirectory"/> the guests that would stop running.
    /// </summary>
    public WhatIfResult WhatIf(string change, Fleet before, Fleet after, string? by, string? guestsDirectory, CpuCompatibility? afterDatabase = null, bool crossVendor = false) =>
        CpuCompat.Pools.WhatIf.Compare(change, Engine, before, afterDatabase?.Engine ?? Engine, after, by, guestsDirectory, crossVendor);

    /// <summary>
    /// How much each feature counts for <see cref="SuggestPools"/>, from a weights file (<c>avx512* 4</c>,
    /// <c>tag:security 2</c>, <c>default 1</c>; see <see cref="FeatureWeights"/>); errors name the file and line.
    /// </summary>
    public Outcome<FeatureWeights> ReadWeights(string path) => FeatureWeights.Read(path, Database);

    /// <summary>
    /// The fleet split into at most <paramref name="pools"/> migration pools so that guests keep the most: the sum over
    /// hosts of the weight (<paramref name="weights"/>; default 1 each) of the features their pool's baseline offers.
    /// Each pool of <see cref="Pools"/> (the whole fleet, or the policies' pools, split by <paramref name="by"/>) is
    /// split by vendor and architecture, and those groups are split further; a split pool keeps its policy. An error
    /// when there are more such groups than <paramref name="pools"/>.
    /// </summary>
    public Outcome<PoolSuggestion> SuggestPools(Fleet fleet, int pools, FeatureWeights? weights = null, string? by = null)
    {
        var facts = KindFacts.Of(Engine, fleet);
        var groups = PoolPlanner.Plan(Engine, fleet, facts, by);
        return PoolSuggester.Suggest(Engine, fleet, facts, groups, pools, weights ?? FeatureWeights.Uniform, numbered: by is null && groups.All(g => g.Policy is null));
    }
}
