using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;
using CpuCompat.Pools;

namespace CpuCompat.Partitions;

/// <summary>
/// Splits the pools of a fleet into at most K pools so that guests keep the most: the sum over hosts of the weight of
/// the features their pool's baseline offers. A pool never mixes vendors or architectures (libvirt refuses such a
/// baseline), so each pool of the fleet is first split by both; those groups need one pool each. The search runs on
/// an estimate (<see cref="PartitionSearch"/>: bitset intersections); then one pool per group, the greedy merge and
/// the greedy merge improved by moves are each scored with libvirt's real baselines, and the best wins, so the answer
/// is never worse than one pool per group nor than the greedy merge. Ties go to fewer pools, then to that order.
/// </summary>
public static class PoolSuggester
{
    /// <summary>The name of the suggested pools of a whole fleet: <c>pool-1</c>, <c>pool-2</c>, …</summary>
    public const string NamePrefix = "pool";

    /// <summary>
    /// The suggestion for <paramref name="groups"/> (the pools <see cref="PoolPlanner"/> makes): with
    /// <paramref name="numbered"/> (the whole fleet, no policy) the pools are <c>pool-1</c>…; otherwise a group split in
    /// several is <c>GROUP-1</c>…, and a group kept whole keeps its name. Numbers go by hosts (most first), then
    /// baseline model, then first member.
    /// </summary>
    public static Outcome<PoolSuggestion> Suggest(CpuEngine engine, Fleet fleet, KindFacts facts, ImmutableArray<Pool> groups, int k, FeatureWeights weights, bool numbered)
    {
        if (k < 1)
        {
            return Errors.Invalid($"a fleet needs at least 1 pool, not {k}");
        }

        var parts = Split(engine, fleet, facts, groups, weights);
        if (parts.Count > k)
        {
            var names = string.Join(", ", parts.Select(p => p.Description));
            return Errors.Invalid($"at most {k} {(k == 1 ? "pool" : "pools")} cannot hold this fleet: a pool takes the hosts of one vendor and architecture, "
                + $"and the fleet has {parts.Count} such groups ({names}); ask for {parts.Count} pools or more");
        }

        var items = ImmutableArray.CreateBuilder<SearchItem>();
        var owners = new List<(int Part, int Kind, int Hosts)>();
        for (var p = 0; p < parts.Count; p++)
        {
            foreach (var (kind, hosts) in parts[p].Kinds)
            {
                items.Add(new SearchItem(p, (facts.Features[kind] ?? FeatureSet.Empty).Except(parts[p].Hidden), hosts));
                owners.Add((p, kind, hosts));
            }
        }

        var search = new PartitionSearch(items.ToImmutable(), [.. parts.Select(p => p.Weights)]);
        var greedy = search.Greedy(k);
        var candidates = new (PartitionMethod Method, List<int[]> Pools)[]
        {
            (PartitionMethod.OnePool, search.OnePerGroup()),
            (PartitionMethod.Greedy, greedy),
            (PartitionMethod.Refined, search.Refine(greedy)),
        };

        var scorer = new TrueScorer(engine, fleet, parts, owners);
        var scores = candidates.Select(c => c.Pools.Sum(scorer.Value)).ToArray();
        var chosen = Enumerable.Range(0, candidates.Length).OrderByDescending(i => scores[i]).ThenBy(i => candidates[i].Pools.Count).ThenBy(i => i).First();
        var ceiling = Enumerable.Range(0, items.Count).Sum(i => items[i].Hosts * parts[items[i].Group].Weights.Of(items[i].Features));

        var pools = Build(engine, fleet, facts, parts, owners, candidates[chosen].Pools, numbered);
        var placed = pools.SelectMany(p => p.Baseline.Pool.Members).Concat(groups.SelectMany(g => g.Excluded.Select(e => fleet.Find(e.Host)!.Value))).ToHashSet();
        var unplaced = Enumerable.Range(0, fleet.Hosts.Length).Where(h => !placed.Contains(h)).Select(h => fleet.Hosts[h].Name).Order(StringComparer.Ordinal);
        return new PoolSuggestion(fleet, k, weights, groups, pools, candidates[chosen].Method,
            new PartitionScores(scores[0], scores[1], scores[2], ceiling), [.. unplaced]);
    }

    /// <summary>
    /// Each pool of the fleet split by architecture and vendor, in a fixed order (the pools', then family, arch and
    /// vendor), each part's kinds in the pool's own fixed order (by model, then content).
    /// </summary>
    private static List<Part> Split(CpuEngine engine, Fleet fleet, KindFacts facts, ImmutableArray<Pool> groups, FeatureWeights weights)
    {
        var tables = new Dictionary<ArchFamily, WeightTable>();
        var parts = new List<Part>();
        foreach (var group in groups)
        {
            foreach (var split in group.Kinds
                .GroupBy(k => (Family: facts.Families[k.Kind], fleet.Kinds[k.Kind].Cpu.Arch, fleet.Kinds[k.Kind].Cpu.Vendor))
                .OrderBy(g => g.Key.Family).ThenBy(g => g.Key.Arch, StringComparer.Ordinal).ThenBy(g => g.Key.Vendor, StringComparer.Ordinal))
            {
                var arch = engine.Database.For(split.Key.Family);
                if (!tables.TryGetValue(split.Key.Family, out var table))
                {
                    tables[split.Key.Family] = table = arch is null ? new WeightTable([]) : weights.For(arch);
                }

                // What the policy takes from every baseline of the group: forbidden features are disabled, and
                // migratable drops the non-migratable ones.
                var hidden = group.Policy is { } policy ? policy.Forbid | (policy.Migratable && arch is not null ? arch.NonMigratable : FeatureSet.Empty) : FeatureSet.Empty;
                var description = $"{split.Key.Vendor ?? "no vendor"} {split.Key.Arch ?? split.Key.Family.ToString()}"
                    + (group.Name == PoolPlanner.WholeFleet && group.Policy is null ? "" : $" in pool {group.Name}");
                parts.Add(new Part(group, description, [.. split], table, hidden));
            }
        }

        return parts;
    }

    private static ImmutableArray<SuggestedPool> Build(CpuEngine engine, Fleet fleet, KindFacts facts, List<Part> parts, List<(int Part, int Kind, int Hosts)> owners,
        List<int[]> chosen, bool numbered)
    {
        var built = new List<(int Group, PoolBaseline Baseline, long Weight)>();
        foreach (var pool in chosen)
        {
            var part = parts[owners[pool[0]].Part];
            var kinds = pool.Select(i => (owners[i].Kind, owners[i].Hosts)).ToImmutableArray();
            var set = kinds.Select(k => k.Kind).ToHashSet();
            var members = part.Source.Members.Where(h => set.Contains(fleet.Hosts[h].Kind)).ToImmutableArray();
            var baseline = PoolBaseline.Of(engine, fleet, facts, new Pool(part.Source.Name, part.Source.Policy, members, [], kinds));
            built.Add((owners[pool[0]].Part, baseline, part.Weights.Of(baseline.Offered)));
        }

        var result = ImmutableArray.CreateBuilder<SuggestedPool>();
        foreach (var group in built.GroupBy(b => parts[b.Group].Source).OrderBy(g => g.Min(b => b.Group)))
        {
            var ordered = group.OrderByDescending(b => b.Baseline.Pool.Members.Length)
                .ThenBy(b => b.Baseline.Cpu.Succeeded ? b.Baseline.Cpu.Value.Model : null, StringComparer.Ordinal)
                .ThenBy(b => fleet.Hosts[b.Baseline.Pool.Members[0]].Name, StringComparer.Ordinal)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var (_, baseline, weight) = ordered[i];
                var name = numbered ? $"{NamePrefix}-{i + 1}" : ordered.Count == 1 ? group.Key.Name : $"{group.Key.Name}-{i + 1}";
                result.Add(new SuggestedPool(baseline with { Pool = baseline.Pool with { Name = name } }, group.Key.Name, weight, weight * baseline.Pool.Members.Length));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A group: the hosts of one pool of the fleet with one vendor and architecture, and what counts for them.</summary>
    private sealed record Part(Pool Source, string Description, ImmutableArray<(int Kind, int Hosts)> Kinds, WeightTable Weights, FeatureSet Hidden);

    /// <summary>The objective of a pool with libvirt's real baseline (as <see cref="PoolBaseline"/> computes it), each distinct pool computed once.</summary>
    private sealed class TrueScorer(CpuEngine engine, Fleet fleet, List<Part> parts, List<(int Part, int Kind, int Hosts)> owners)
    {
        private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);

        public long Value(int[] pool)
        {
            var key = string.Join(',', pool);
            if (_values.TryGetValue(key, out var value))
            {
                return value;
            }

            var part = parts[owners[pool[0]].Part];
            var cpus = pool.Select(i => fleet.Kinds[owners[i].Kind].Cpu).ToList();
            var baseline = PoolBaseline.Baseline(engine, part.Source.Policy, cpus);
            var offered = baseline.TryGetValue(out var cpu) && engine.FeaturesOf(cpu, engine.FamilyOf(cpus[0])) is { Succeeded: true } f ? f.Value : FeatureSet.Empty;
            return _values[key] = pool.Sum(i => (long)owners[i].Hosts) * part.Weights.Of(offered);
        }
    }
}
