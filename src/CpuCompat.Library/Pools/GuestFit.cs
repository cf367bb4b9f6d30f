using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Fleets;

namespace CpuCompat.Pools;

/// <summary>Where a guest does not run in a pool: the hosts at fault (all of them counted, a few named) and the features or error why.</summary>
public sealed record GuestMisfit(ImmutableArray<string> Hosts, int HostCount, ImmutableArray<string> Features, string Reason);

/// <summary>
/// Whether a guest runs on the members of a pool: a guest runs on a host exactly when libvirt's cpu-compare of the
/// guest with that host says identical or superset. Compared once per distinct CPU, not per host.
/// </summary>
public static class GuestFit
{
    /// <summary>How many host names a misfit lists (the count says how many in all).</summary>
    public const int HostsNamed = 5;

    /// <summary>Null when the guest runs on every member, otherwise where and why it does not.</summary>
    public static GuestMisfit? Check(CpuEngine engine, Fleet fleet, Pool pool, CpuDefinition guest)
    {
        var failing = new List<(int Kind, CompareOutcome? Outcome, CpuError? Error)>();
        foreach (var (kind, _) in pool.Kinds)
        {
            var compared = engine.Compare(fleet.Kinds[kind].Cpu, guest);
            if (!compared.Succeeded)
            {
                failing.Add((kind, null, compared.Error));
            }
            else if (compared.Value.Result == CompareResult.Incompatible)
            {
                failing.Add((kind, compared.Value, null));
            }
        }

        if (failing.Count == 0)
        {
            return null;
        }

        var kinds = failing.Select(f => f.Kind).ToHashSet();
        var hosts = pool.Members.Where(h => kinds.Contains(fleet.Hosts[h].Kind)).Select(h => fleet.Hosts[h].Name).ToList();
        var features = failing.SelectMany(f => f.Outcome?.Features ?? []).Distinct().ToImmutableArray();
        var reasons = failing.Select(f => f.Error?.Message ?? f.Outcome!.Reason ?? "incompatible").Distinct();
        return new GuestMisfit([.. hosts.Take(HostsNamed)], hosts.Count, features, string.Join("; ", reasons));
    }

    /// <summary>The one-line message of a misfit: "does not run on h1, h2 and 3 more of 5 hosts: Host CPU does not provide required features: avx512f".</summary>
    public static string Message(GuestMisfit misfit)
    {
        var more = misfit.HostCount > misfit.Hosts.Length ? $" and {misfit.HostCount - misfit.Hosts.Length} more" : "";
        var features = misfit.Features.IsEmpty ? "" : $": {string.Join(", ", misfit.Features)}";
        return $"does not run on {string.Join(", ", misfit.Hosts)}{more} ({misfit.HostCount} hosts): {misfit.Reason}{features}";
    }
}
