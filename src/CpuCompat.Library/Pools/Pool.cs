using System.Collections.Immutable;
using CpuCompat.Core.Database;

namespace CpuCompat.Pools;

/// <summary>A host a pool's policy left out, and the required features it lacks.</summary>
public sealed record ExcludedHost(string Host, ImmutableArray<string> Lacks);

/// <summary>
/// A migration pool of a fleet: its name, the policy it follows (null: the plain libvirt baseline), the hosts it takes
/// (indices into <see cref="Fleets.Fleet.Hosts"/>), the hosts its policy left out, and its distinct CPUs with their
/// host counts, in a fixed order that does not depend on the order of the input.
/// </summary>
public sealed record Pool(string Name, PoolPolicy? Policy, ImmutableArray<int> Members, ImmutableArray<ExcludedHost> Excluded, ImmutableArray<(int Kind, int Hosts)> Kinds);
