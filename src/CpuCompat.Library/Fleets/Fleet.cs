using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CpuCompat.Fleets;

/// <summary>
/// A fleet: its hosts (name, CPU, labels), the distinct CPUs they have (<see cref="Kinds"/>, each read once), and the
/// hosts that could not be read. Immutable; the what-if changes return new fleets.
/// </summary>
public sealed class Fleet
{
    private readonly Lazy<FrozenDictionary<string, int>> _byName;

    internal Fleet(string source, ImmutableArray<FleetHost> hosts, ImmutableArray<HostKind> kinds, ImmutableArray<FleetProblem> problems)
    {
        Source = source;
        Hosts = hosts;
        Kinds = kinds;
        Problems = problems;
        _byName = new(() => Hosts.Select((h, i) => (h.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal));
    }

    /// <summary>Where the fleet came from, for messages.</summary>
    public string Source { get; }

    public ImmutableArray<FleetHost> Hosts { get; }

    public ImmutableArray<HostKind> Kinds { get; }

    /// <summary>The hosts left out because they could not be read, in input order.</summary>
    public ImmutableArray<FleetProblem> Problems { get; }

    /// <summary>The index of the host named <paramref name="name"/>, or null.</summary>
    public int? Find(string name) => _byName.Value.TryGetValue(name, out var i) ? i : null;

    /// <summary>How many hosts have each kind.</summary>
    public int[] KindCounts()
    {
        var counts = new int[Kinds.Length];
        foreach (var host in Hosts)
        {
            counts[host.Kind]++;
        }

        return counts;
    }
}
