using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Fleets;

namespace CpuCompat.Pools;

/// <summary>A kind of host that lacks some of a model's features: its hosts, a few of their names, and what it lacks.</summary>
public sealed record ModelBlocker(int Kind, int Hosts, ImmutableArray<string> FirstHosts, ImmutableArray<string> Lacks);

/// <summary>
/// A model newer than the pool's baseline model and what stands between the pool and it: the kinds that lack some of
/// its features (none: every member has it all, and libvirt's baseline chose another model by its own rule), and, for
/// a model some members can run, the baseline the pool would have if the others were retired.
/// </summary>
public sealed record NewerModel(string Model, ImmutableArray<ModelBlocker> Blockers, CpuDefinition? BaselineWithout)
{
    public int HostsLacking => Blockers.Sum(b => b.Hosts);
}

/// <summary>
/// <c>cpucompat pool explain</c>: why a pool's baseline is what it is. For every model newer than the baseline's
/// (later in the database, which lists each vendor's generations oldest first, or a variant of the same generation
/// such as Broadwell beside Broadwell-noTSX-IBRS; of the pool's vendors or vendor-neutral; not an alias and not a
/// subset of the baseline's model), which hosts lack which of its features, so an operator sees which hosts hold the
/// pool back and what retiring them would gain.
/// </summary>
public sealed record PoolExplanation(PoolBaseline Baseline, ImmutableArray<NewerModel> Newer)
{
    /// <summary>How many host names a blocker lists.</summary>
    public const int HostsNamed = 5;

    /// <summary>How many of the models some member can run get the baseline without the hosts that cannot (one baseline each).</summary>
    public const int RetirementsComputed = 10;

    public static PoolExplanation Of(CpuEngine engine, Fleet fleet, KindFacts facts, PoolBaseline baseline, bool crossVendor)
    {
        var pool = baseline.Pool;
        if (!baseline.Cpu.TryGetValue(out var cpu) || pool.Kinds.IsEmpty || engine.Database.For(facts.Families[pool.Kinds[0].Kind]) is not { } arch
            || arch.FindModel(cpu.Model!) is not { } chosen)
        {
            return new PoolExplanation(baseline, []);
        }

        var vendors = pool.Kinds.Select(k => facts.Facts[k.Kind].VendorId).OfType<int>().ToHashSet();
        var names = FirstNames(fleet, pool);
        var newer = ImmutableArray.CreateBuilder<NewerModel>();
        var retirements = 0;
        var stem = Stem(chosen.Name);
        foreach (var model in arch.Models.Where(m => m.Id != chosen.Id && (m.Id > chosen.Id || Stem(m.Name) == stem)
            && !m.IsAlias && !m.Features.IsEmpty && !m.Features.IsSubsetOf(chosen.Features) && (m.VendorId is null || vendors.Contains(m.VendorId.Value))))
        {
            var blockers = ImmutableArray.CreateBuilder<ModelBlocker>();
            var runs = new List<int>();
            foreach (var (kind, hosts) in pool.Kinds)
            {
                var lacks = model.Features.Except(facts.Features[kind] ?? default);
                if (lacks.IsEmpty)
                {
                    runs.Add(kind);
                }
                else
                {
                    blockers.Add(new ModelBlocker(kind, hosts, names[kind], [.. arch.NamesOf(lacks)]));
                }
            }

            // What retiring the blockers gains, for models some (not all) members run: the remaining hosts' baseline.
            CpuDefinition? without = null;
            if (runs.Count > 0 && blockers.Count > 0 && retirements++ < RetirementsComputed
                && PoolBaseline.BaselineOf(engine, fleet, facts, pool, arch, runs, crossVendor) is { Succeeded: true } b)
            {
                without = b.Value;
            }

            newer.Add(new NewerModel(model.Name, [.. blockers.OrderByDescending(x => x.Hosts).ThenBy(x => names[x.Kind][0], StringComparer.Ordinal)], without));
        }

        return new PoolExplanation(baseline, newer.ToImmutable());
    }

    /// <summary>A model's generation: its name up to the first dash (<c>Broadwell-noTSX-IBRS</c>: <c>Broadwell</c>).</summary>
    private static string Stem(string model) => model.Split('-')[0];

    /// <summary>The first few member names of each kind, in name order (members are kept in name order).</summary>
    private static Dictionary<int, ImmutableArray<string>> FirstNames(Fleet fleet, Pool pool)
    {
        var names = new Dictionary<int, List<string>>();
        foreach (var h in pool.Members)
        {
            var kind = fleet.Hosts[h].Kind;
            var list = names.TryGetValue(kind, out var l) ? l : names[kind] = [];
            if (list.Count < HostsNamed)
            {
                list.Add(fleet.Hosts[h].Name);
            }
        }

        return names.ToDictionary(n => n.Key, n => n.Value.ToImmutableArray());
    }
}
