using System.Collections.Immutable;
using CpuCompat.Core;

namespace CpuCompat.Fleets;

/// <summary>
/// The changes <c>cpucompat pool what-if</c> asks about, as new fleets: hosts added, removed, or given new CPU data
/// (a microcode or BIOS update). Distinct CPUs are merged by content, so a kind both fleets have stays one kind.
/// </summary>
public static class FleetEdits
{
    /// <summary>The hosts of <paramref name="added"/> joined to the fleet; a name the fleet has already is an error.</summary>
    public static Outcome<Fleet> Add(Fleet fleet, Fleet added)
    {
        var clash = added.Hosts.FirstOrDefault(h => fleet.Find(h.Name) is not null).Name;
        return clash is not null
            ? Errors.Invalid($"{added.Source}: host {clash} is already in {fleet.Source}; use --replace to give it new CPU data")
            : Merge(fleet.Source, [.. fleet.Hosts.Select(h => (h, fleet)), .. added.Hosts.Select(h => (h, added))], fleet.Problems);
    }

    /// <summary>The fleet without the named hosts; a name it does not have is an error.</summary>
    public static Outcome<Fleet> Remove(Fleet fleet, IReadOnlyCollection<string> names)
    {
        var unknown = names.FirstOrDefault(n => fleet.Find(n) is null);
        if (unknown is not null)
        {
            return Errors.Invalid($"{fleet.Source} has no host named {unknown}");
        }

        var removed = names.ToHashSet(StringComparer.Ordinal);
        return Merge(fleet.Source, [.. fleet.Hosts.Where(h => !removed.Contains(h.Name)).Select(h => (h, fleet))], fleet.Problems);
    }

    /// <summary>The fleet where the hosts of <paramref name="replacement"/> have its CPUs (and labels, when it gives any).</summary>
    public static Outcome<Fleet> Replace(Fleet fleet, Fleet replacement)
    {
        var unknown = replacement.Hosts.FirstOrDefault(h => fleet.Find(h.Name) is null).Name;
        if (unknown is not null)
        {
            return Errors.Invalid($"{replacement.Source}: host {unknown} is not in {fleet.Source}; use --add for new hosts");
        }

        var hosts = fleet.Hosts.Select(h => (Host: h, From: fleet)).ToArray();
        foreach (var h in replacement.Hosts)
        {
            var i = fleet.Find(h.Name)!.Value;
            var labels = h.Labels.Count > 0 ? h.Labels : fleet.Hosts[i].Labels;
            hosts[i] = (h with { Labels = labels, Line = fleet.Hosts[i].Line }, replacement);
        }

        return Merge(fleet.Source, hosts, fleet.Problems);
    }

    private static Fleet Merge(string source, IReadOnlyList<(FleetHost Host, Fleet From)> hosts, ImmutableArray<FleetProblem> problems)
    {
        var kinds = new List<HostKind>();
        var index = new Dictionary<(UInt128, int), int>();
        var merged = ImmutableArray.CreateBuilder<FleetHost>(hosts.Count);
        foreach (var (host, from) in hosts)
        {
            var kind = from.Kinds[host.Kind];
            var key = (kind.Hash, kind.Content.Length);
            if (!index.TryGetValue(key, out var id) || !kinds[id].Content.AsSpan().SequenceEqual(kind.Content))
            {
                id = kinds.Count;
                kinds.Add(kind.WithIndex(id));
                index[key] = id;
            }

            merged.Add(host with { Kind = id });
        }

        return new Fleet(source, merged.MoveToImmutable(), [.. kinds], problems);
    }
}
