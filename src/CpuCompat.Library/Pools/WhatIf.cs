using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Engine;
using CpuCompat.Fleets;
using CpuCompat.Inputs;

namespace CpuCompat.Pools;

/// <summary>A guest that runs on every member of a pool before the change and not after it, and where and why.</summary>
public sealed record GuestBreak(string Guest, GuestMisfit Misfit);

/// <summary>A pool before and after a change (null where it does not exist), what its guests gain and lose, and the guests that break.</summary>
public sealed record PoolChange(string Name, PoolBaseline? Before, PoolBaseline? After, ImmutableArray<string> Gained, ImmutableArray<string> Lost, ImmutableArray<GuestBreak> Breaks);

/// <summary>One distinct CPU of the fleet and the model it is reported as before and after (a change of libvirt map).</summary>
public sealed record KindChange(string Label, int Hosts, string? Before, string? After);

/// <summary>What a change does to a fleet's pools, and under a new map to its hosts' CPUs.</summary>
public sealed record WhatIfResult(string Change, Fleet Before, Fleet After, ImmutableArray<PoolChange> Pools, ImmutableArray<KindChange> Kinds, ImmutableArray<string> GuestErrors);

/// <summary>
/// <c>cpucompat pool what-if</c>: the pools of the fleet as they are and after the change, each computed exactly as
/// <c>pool baseline</c> computes it (so the answer equals recomputing on the changed fleet), compared by name.
/// </summary>
public static class WhatIf
{
    public static WhatIfResult Compare(string change, CpuEngine beforeEngine, Fleet before, CpuEngine afterEngine, Fleet after, string? by, string? guestsDirectory, bool crossVendor = false)
    {
        var beforeFacts = KindFacts.Of(beforeEngine, before);
        var afterFacts = KindFacts.Of(afterEngine, after);
        var beforePools = PoolPlanner.Plan(beforeEngine, before, beforeFacts, by).Select(p => PoolBaseline.Of(beforeEngine, before, beforeFacts, p, crossVendor)).ToList();
        var afterPools = PoolPlanner.Plan(afterEngine, after, afterFacts, by).Select(p => PoolBaseline.Of(afterEngine, after, afterFacts, p, crossVendor)).ToList();

        var errors = ImmutableArray.CreateBuilder<string>();
        var beforeGuests = ReadGuests(guestsDirectory, beforeEngine, errors);
        var afterGuests = ReadGuests(guestsDirectory, afterEngine, errors: null);
        var names = beforePools.Select(p => p.Pool.Name).Concat(afterPools.Select(p => p.Pool.Name)).Distinct(StringComparer.Ordinal);
        var pools = ImmutableArray.CreateBuilder<PoolChange>();
        foreach (var name in names)
        {
            var b = beforePools.FirstOrDefault(p => p.Pool.Name == name);
            var a = afterPools.FirstOrDefault(p => p.Pool.Name == name);
            var offeredBefore = Names(beforeEngine, b);
            var offeredAfter = Names(afterEngine, a);
            var breaks = ImmutableArray.CreateBuilder<GuestBreak>();
            if (a is not null)
            {
                foreach (var (file, guest) in afterGuests.OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    if (GuestFit.Check(afterEngine, after, a.Pool, guest) is not { } misfit)
                    {
                        continue;
                    }

                    var ranBefore = b is null || (beforeGuests.TryGetValue(file, out var old) && GuestFit.Check(beforeEngine, before, b.Pool, old) is null);
                    if (ranBefore)
                    {
                        breaks.Add(new GuestBreak(file, misfit));
                    }
                }
            }

            pools.Add(new PoolChange(name, b, a, [.. offeredAfter.Except(offeredBefore)], [.. offeredBefore.Except(offeredAfter)], breaks.ToImmutable()));
        }

        var kinds = ImmutableArray<KindChange>.Empty;
        if (!ReferenceEquals(beforeEngine, afterEngine))
        {
            var counts = after.KindCounts();
            kinds = [.. after.Kinds.Select((k, i) => new KindChange(before.Kinds[i].Label, counts[i], before.Kinds[i].Cpu.Model, k.Cpu.Model))];
        }

        return new WhatIfResult(change, before, after, pools.ToImmutable(), kinds, errors.ToImmutable());
    }

    /// <summary>The names of the features a pool's baseline offers (names, so that two databases compare).</summary>
    private static List<string> Names(CpuEngine engine, PoolBaseline? pool) =>
        pool is null || !pool.Cpu.Succeeded || engine.Database.For(engine.FamilyOf(pool.Cpu.Value)) is not { } arch ? [] : arch.NamesOf(pool.Offered);

    private static Dictionary<string, Core.Cpu.CpuDefinition> ReadGuests(string? directory, CpuEngine engine, ImmutableArray<string>.Builder? errors)
    {
        var guests = new Dictionary<string, Core.Cpu.CpuDefinition>(StringComparer.Ordinal);
        if (directory is null)
        {
            return guests;
        }

        var read = Guests.Read(directory, new CpuReader(engine));
        if (!read.TryGetValue(out var list))
        {
            errors?.Add(read.Error!.Message);
            return guests;
        }

        foreach (var guest in list)
        {
            if (guest.Cpu.TryGetValue(out var cpu))
            {
                guests[guest.File] = cpu;
            }
            else
            {
                errors?.Add(guest.Cpu.Error!.Message);
            }
        }

        return guests;
    }
}
