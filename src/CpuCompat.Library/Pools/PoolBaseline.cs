using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;

namespace CpuCompat.Pools;

/// <summary>What one kind of host costs its pool: the features the pool would offer without it, and the model it would reach.</summary>
public sealed record KindCost(int Kind, int Hosts, ImmutableArray<string> Gains, string? ModelWithout);

/// <summary>Whether a pool's baseline reaches its policy's minimum model, and what it lacks of it.</summary>
public sealed record MinimumResult(string Model, ImmutableArray<string> Lacks)
{
    public bool Met => Lacks.IsEmpty;
}

/// <summary>
/// A pool's guest CPU and why it is what it is: libvirt's baseline of the members (with the policy's forbidden
/// features disabled), the features it offers, its ABI level, which kinds of host hold it back and what they cost,
/// the security-relevant features some member has but the pool loses, and the policy's minimum.
/// </summary>
public sealed record PoolBaseline(
    Pool Pool,
    Outcome<CpuDefinition> Cpu,
    FeatureSet Offered,
    AbiLevel? Level,
    ImmutableArray<KindCost> HeldBackBy,
    ImmutableArray<string> SecurityLost,
    MinimumResult? Minimum)
{
    /// <summary>How many kinds that cost the pool something are named with the model the pool would reach without them.</summary>
    public const int ModelsNamed = 3;

    /// <summary>The named generations every member has all the features of (one per vendor), and what the pool has beyond them.</summary>
    public ImmutableArray<Generation> Generations { get; init; } = [];

    /// <summary>For a pool of several vendors given a vendor-free guest CPU (<c>--cross-vendor</c>): what the vendors give up.</summary>
    public CrossVendorNote? CrossVendor { get; init; }

    /// <summary>
    /// The pool's baseline and why. With <paramref name="crossVendor"/>, a pool of several vendors gets a vendor-free
    /// guest CPU (<see cref="CrossVendorBaseline"/>) instead of libvirt's refusal; pools of one vendor keep libvirt's own.
    /// </summary>
    public static PoolBaseline Of(CpuEngine engine, Fleet fleet, KindFacts facts, Pool pool, bool crossVendor = false)
    {
        if (pool.Kinds.IsEmpty)
        {
            return new PoolBaseline(pool, Errors.Invalid($"pool {pool.Name} has no hosts"), FeatureSet.Empty, null, [], [], null);
        }

        var cpus = pool.Kinds.Select(k => fleet.Kinds[k.Kind].Cpu).ToList();
        var family = facts.Families[pool.Kinds[0].Kind];
        var arch = engine.Database.For(family);
        var vendors = CrossVendorBaseline.VendorsOf(fleet, pool);
        var mixed = crossVendor && vendors.Length > 1 && arch is not null && pool.Kinds.All(k => facts.Features[k.Kind] is not null);
        var cpu = mixed
            ? CrossVendorBaseline.Of(arch!, pool.Policy, [.. pool.Kinds.Select(k => facts.Features[k.Kind]!.Value)])
            : Baseline(engine, pool.Policy, cpus).NamingInputs([.. pool.Kinds.Select(k => $"host {fleet.Kinds[k.Kind].FirstHost}")]);
        if (!cpu.Succeeded || arch is null)
        {
            return new PoolBaseline(pool, cpu, FeatureSet.Empty, null, [], [], null);
        }

        var offered = engine.FeaturesOf(cpu.Value, family) is { Succeeded: true } f ? f.Value : FeatureSet.Empty;
        MinimumResult? minimum = pool.Policy?.Minimum is { } min
            ? new MinimumResult(arch.Models[min].Name, [.. arch.NamesOf(arch.Models[min].Features.Except(offered))])
            : null;
        var level = arch.LevelOf(offered);
        var securityLost = LostSecurity(facts, pool, arch, offered);
        return new PoolBaseline(pool, cpu, offered, level, Costs(engine, fleet, facts, pool, arch, mixed), securityLost, minimum)
        {
            Generations = NearestGeneration.Of(arch, vendors, offered),
            CrossVendor = mixed ? CrossVendorBaseline.Note(fleet, facts, pool, arch, offered, level, securityLost) : null,
        };
    }

    /// <summary>libvirt's baseline of <paramref name="cpus"/> under a policy: its allowed and preferred models, migratable, forbidden features disabled.</summary>
    public static Outcome<CpuDefinition> Baseline(CpuEngine engine, PoolPolicy? policy, IReadOnlyList<CpuDefinition> cpus)
    {
        var family = engine.FamilyOf(cpus[0]);
        var arch = engine.Database.For(family);
        if (policy is null || arch is null)
        {
            return engine.Baseline(cpus);
        }

        var allowed = policy.Allow.IsDefaultOrEmpty ? null : AllowedModels.Of([.. policy.Allow.Select(m => arch.Models[m].Name)]);
        var preferred = policy.Prefer.IsDefaultOrEmpty ? null : policy.Prefer.Select(m => arch.Models[m].Name).ToList();
        return engine.Baseline(cpus, allowed, migratable: policy.Migratable, preferred: preferred).Then(baseline =>
        {
            var offered = engine.FeaturesOf(baseline, family);
            if (!offered.Succeeded)
            {
                return offered.Error;
            }

            foreach (var id in policy.Forbid & offered.Value)
            {
                baseline = baseline.WithFeature(arch.Features[id].Name, FeaturePolicy.Disable);
            }

            return Outcome<CpuDefinition>.From(baseline);
        });
    }

    /// <summary>
    /// For each kind, the features all the other kinds share beyond what the pool offers: what retiring its hosts would
    /// gain. Intersections without each kind come from prefix and suffix intersections, so this is linear in the kinds.
    /// </summary>
    private static ImmutableArray<KindCost> Costs(CpuEngine engine, Fleet fleet, KindFacts facts, Pool pool, ArchDatabase arch, bool crossVendor)
    {
        var n = pool.Kinds.Length;
        if (n < 2)
        {
            return [];
        }

        var sets = pool.Kinds.Select(k => facts.Features[k.Kind] ?? FeatureSet.Empty).ToArray();
        var prefix = new FeatureSet[n + 1];
        var suffix = new FeatureSet[n + 1];
        prefix[0] = suffix[n] = arch.AllFeatures;
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] & sets[i];
            suffix[n - 1 - i] = suffix[n - i] & sets[n - 1 - i];
        }

        var all = prefix[n];
        var costs = Enumerable.Range(0, n)
            .Select(i => (Index: i, Gains: (prefix[i] & suffix[i + 1]).Except(all)))
            .Where(c => !c.Gains.IsEmpty)
            .OrderByDescending(c => c.Gains.PopCount())
            .ThenByDescending(c => pool.Kinds[c.Index].Hosts)
            .ThenBy(c => c.Index)
            .ToList();
        return [.. costs.Select((c, rank) => new KindCost(
            pool.Kinds[c.Index].Kind,
            pool.Kinds[c.Index].Hosts,
            [.. arch.NamesOf(c.Gains)],
            rank < ModelsNamed ? ModelWithout(engine, fleet, facts, pool, arch, c.Index, crossVendor) : null))];
    }

    private static string? ModelWithout(CpuEngine engine, Fleet fleet, KindFacts facts, Pool pool, ArchDatabase arch, int skip, bool crossVendor) =>
        BaselineOf(engine, fleet, facts, pool, arch, pool.Kinds.Where((_, i) => i != skip).Select(k => k.Kind), crossVendor) is { Succeeded: true } b ? b.Value.Model : null;

    /// <summary>
    /// The baseline the pool would have with only some of its kinds, under its policy: what retiring the others gains.
    /// Leaving out a pool's only hosts of one vendor makes it a pool of one vendor again, with libvirt's own baseline.
    /// </summary>
    public static Outcome<CpuDefinition> BaselineOf(CpuEngine engine, Fleet fleet, KindFacts facts, Pool pool, ArchDatabase arch, IEnumerable<int> kinds, bool crossVendor)
    {
        var kept = kinds.ToList();
        if (kept.Count == 0)
        {
            return Errors.Invalid($"pool {pool.Name} would have no hosts");
        }

        var vendors = kept.Select(k => fleet.Kinds[k].Cpu.Vendor).OfType<string>().Distinct().Count();
        return crossVendor && vendors > 1
            ? CrossVendorBaseline.Of(arch, pool.Policy, [.. kept.Select(k => facts.Features[k]!.Value)])
            : Baseline(engine, pool.Policy, [.. kept.Select(k => fleet.Kinds[k].Cpu)]);
    }

    /// <summary>Security-relevant features (tag <c>security</c>) some member has and the pool's guests do not get.</summary>
    private static ImmutableArray<string> LostSecurity(KindFacts facts, Pool pool, ArchDatabase arch, FeatureSet offered)
    {
        var union = FeatureSet.Empty;
        foreach (var (kind, _) in pool.Kinds)
        {
            union |= facts.Features[kind] ?? FeatureSet.Empty;
        }

        return [.. arch.NamesOf(union.Except(offered)).Where(name => arch.FindFeature(name)!.Tags.Contains("security"))];
    }
}
