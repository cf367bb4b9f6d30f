using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Fleets;

namespace CpuCompat.Pools;

/// <summary>
/// Splits a fleet into its pools. The pools are the database's pool policies (a site's policy files compiled onto
/// it), each taking the hosts its selectors choose; without any, the whole fleet is one pool named
/// <see cref="WholeFleet"/>. <c>--by LABEL</c> then splits each pool by the label's value (a policy applies within
/// each group: pool <c>P</c> and value <c>v</c> give <c>P-v</c>; hosts without the label go to <c>LABEL-unset</c>).
/// Finally a policy's required features leave out the members that lack them.
/// </summary>
public static class PoolPlanner
{
    public const string WholeFleet = "fleet";

    public static ImmutableArray<Pool> Plan(CpuEngine engine, Fleet fleet, KindFacts facts, string? by = null)
    {
        var groups = new List<(string Name, ArchDatabase? Arch, PoolPolicy? Policy, List<int> Hosts)>();
        var policies = engine.Database.Architectures.SelectMany(a => a.Pools.Select(p => (Arch: a, Policy: p))).ToList();
        if (policies.Count == 0)
        {
            groups.Add((WholeFleet, null, null, [.. Enumerable.Range(0, fleet.Hosts.Length)]));
        }

        foreach (var (arch, policy) in policies)
        {
            groups.Add((policy.Name, arch, policy, [.. Enumerable.Range(0, fleet.Hosts.Length).Where(h => Selects(arch, policy, fleet.Hosts[h], facts))]));
        }

        var pools = ImmutableArray.CreateBuilder<Pool>();
        foreach (var (name, arch, policy, hosts) in groups)
        {
            if (by is null)
            {
                pools.Add(Build(name, arch, policy, hosts, fleet, facts));
                continue;
            }

            foreach (var group in hosts.GroupBy(h => fleet.Hosts[h].Labels.TryGetValue(by, out var v) ? v : null).OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var value = group.Key ?? $"{by}-unset";
                pools.Add(Build(policy is null ? value : $"{name}-{value}", arch, policy, [.. group], fleet, facts));
            }
        }

        return pools.ToImmutable();
    }

    /// <summary>Whether a policy's selectors (and vendor) take a host: only hosts of the policy's architecture can be selected.</summary>
    public static bool Selects(ArchDatabase arch, PoolPolicy policy, FleetHost host, KindFacts facts)
    {
        if (facts.Families[host.Kind] != arch.Family || facts.Features[host.Kind] is null)
        {
            return false;
        }

        var hostFacts = facts.Facts[host.Kind] with { Labels = host.Labels };
        return (policy.VendorId is not { } vendor || hostFacts.VendorId == vendor) && (policy.Selector?.Evaluate(hostFacts) ?? true);
    }

    private static Pool Build(string name, ArchDatabase? arch, PoolPolicy? policy, List<int> hosts, Fleet fleet, KindFacts facts)
    {
        var members = ImmutableArray.CreateBuilder<int>();
        var excluded = ImmutableArray.CreateBuilder<ExcludedHost>();
        foreach (var h in hosts)
        {
            var lacks = policy is not null && arch is not null && facts.Features[fleet.Hosts[h].Kind] is { } features ? policy.Require.Except(features) : default;
            if (!lacks.IsEmpty)
            {
                excluded.Add(new ExcludedHost(fleet.Hosts[h].Name, [.. arch!.NamesOf(lacks)]));
            }
            else
            {
                members.Add(h);
            }
        }

        // A fixed order of the distinct CPUs, whatever the order of the input: by model, then by content.
        var kinds = members.GroupBy(h => fleet.Hosts[h].Kind)
            .Select(g => (Kind: g.Key, Hosts: g.Count()))
            .OrderBy(k => fleet.Kinds[k.Kind].Cpu.Model, StringComparer.Ordinal)
            .ThenBy(k => fleet.Kinds[k.Kind].Hash)
            .ToImmutableArray();
        return new Pool(name, policy, ByName(fleet, members), [.. excluded.OrderBy(e => e.Host, StringComparer.Ordinal)], kinds);
    }

    /// <summary>Hosts in name order; fleets usually come sorted, so that is checked first, in one pass.</summary>
    private static ImmutableArray<int> ByName(Fleet fleet, IReadOnlyList<int> members)
    {
        var sorted = true;
        for (var i = 1; i < members.Count && sorted; i++)
        {
            sorted = string.CompareOrdinal(fleet.Hosts[members[i - 1]].Name, fleet.Hosts[members[i]].Name) < 0;
        }

        if (!sorted)
        {
            var names = members.Select(h => fleet.Hosts[h].Name).ToArray();
            var hosts = members.ToArray();
            Array.Sort(names, hosts, StringComparer.Ordinal);
            return ImmutableCollectionsMarshal.AsImmutableArray(hosts);
        }

        return [.. members];
    }
}
