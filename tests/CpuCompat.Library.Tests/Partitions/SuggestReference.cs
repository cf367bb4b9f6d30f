using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;
using CpuCompat.Library.Tests.Fleets;
using CpuCompat.Loading;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Partitions;

/// <summary>One distinct CPU of a test fleet, read on its own: its text, its definition, its features and its hosts.</summary>
internal sealed record ReferenceKind(string Cpu, CpuDefinition Definition, FeatureSet Features, IReadOnlyList<string> Hosts)
{
    public string? Vendor => Definition.Vendor;
}

/// <summary>
/// What <c>pool suggest</c> must at least reach, computed without it: every member's CPU read on its own (not through
/// the fleet), libvirt's baseline of each pool from the engine's plain baseline call, one pool per vendor, and the
/// greedy merge done the slow obvious way (every pair, every step).
/// </summary>
internal static class SuggestReference
{
    /// <summary>The database of a libvirt version: the built-in one for 11.3.0 (the product's default), its cpu_map for the others.</summary>
    public static CpuCompatibility Open(string version) => version == "11.3.0"
        ? CpuCompatibility.OpenBuiltIn()
        : CpuCompatibility.Open(DatabaseSource.CpuMap(SharedData.CpuMapDir(version))).Value;

    /// <summary>
    /// A random sub-fleet of the version's real host CPUs: 2 to 10 of them, each on 1 to 3 hosts, named after the CPU;
    /// and a K from the number of vendors to four more.
    /// </summary>
    public static (List<string> Lines, int K) SubFleet(IReadOnlyList<(string Name, string Cpu)> cpus, int seed)
    {
        var random = new Random(seed);
        var chosen = cpus.OrderBy(_ => random.Next()).Take(random.Next(2, 11)).ToList();
        var lines = new List<string>();
        foreach (var (name, cpu) in chosen)
        {
            for (var c = random.Next(1, 4); c > 0; c--)
            {
                lines.Add(JsonSerializer.Serialize(new { host = $"{name}-{c}", cpu, labels = new Dictionary<string, string>() }));
            }
        }

        var vendors = chosen.Select(c => Vendor(c.Cpu)).Distinct().Count();
        return (lines, vendors + random.Next(0, 5));
    }

    /// <summary>The distinct CPUs of the lines, each read on its own, in the documented canonical order: vendor, model, then the fleet's content hash.</summary>
    public static List<ReferenceKind> Kinds(CpuCompatibility compat, Fleet fleet, IEnumerable<string> lines)
    {
        var byHost = RealFleet.CpuByHost(lines);
        var kinds = new List<ReferenceKind>();
        foreach (var group in byHost.GroupBy(h => h.Value, StringComparer.Ordinal))
        {
            var cpu = compat.ReadCpus(group.Key, group.First().Key).Value.Single();
            kinds.Add(new ReferenceKind(group.Key, cpu, compat.Engine.FeaturesOf(cpu).Value, [.. group.Select(h => h.Key).Order(StringComparer.Ordinal)]));
        }

        // The content hash is how the fleet tells kinds apart; the test takes it from the fleet's kind of the first host.
        UInt128 Hash(ReferenceKind k) => fleet.Kinds[fleet.Hosts[fleet.Find(k.Hosts[0])!.Value].Kind].Hash;
        return [.. kinds.OrderBy(k => k.Vendor, StringComparer.Ordinal).ThenBy(k => k.Definition.Model, StringComparer.Ordinal).ThenBy(Hash)];
    }

    /// <summary>The objective of a partition with libvirt's real baselines: hosts times features the baseline offers, summed.</summary>
    public static long Value(CpuCompatibility compat, IEnumerable<IReadOnlyList<ReferenceKind>> pools) =>
        pools.Sum(pool =>
        {
            var baseline = compat.Baseline([.. pool.Select(k => k.Definition)]);
            return baseline.Succeeded ? (long)pool.Sum(k => k.Hosts.Count) * compat.Engine.FeaturesOf(baseline.Value).Value.PopCount() : 0;
        });

    public static List<List<ReferenceKind>> OnePoolPerVendor(List<ReferenceKind> kinds) =>
        [.. kinds.GroupBy(k => k.Vendor).Select(g => g.ToList())];

    /// <summary>
    /// Greedy merging by the features the members share: from one pool per kind, merge the two pools of one vendor
    /// whose merge loses least (hosts times shared features), the first pair in canonical order on a tie, until K are left.
    /// </summary>
    public static List<List<ReferenceKind>> Greedy(List<ReferenceKind> kinds, int k)
    {
        var pools = kinds.Select(x => new List<ReferenceKind> { x }).ToList();
        while (pools.Count > k)
        {
            (int I, int J, long Loss)? best = null;
            for (var i = 0; i < pools.Count; i++)
            {
                for (var j = i + 1; j < pools.Count; j++)
                {
                    if (pools[i][0].Vendor != pools[j][0].Vendor)
                    {
                        continue;
                    }

                    var loss = Estimate(pools[i]) + Estimate(pools[j]) - Estimate([.. pools[i], .. pools[j]]);
                    if (best is null || loss < best.Value.Loss)
                    {
                        best = (i, j, loss);
                    }
                }
            }

            Assert.NotNull(best);
            pools[best.Value.I].AddRange(pools[best.Value.J]);
            pools.RemoveAt(best.Value.J);
        }

        return pools;
    }

    private static long Estimate(IReadOnlyList<ReferenceKind> pool)
    {
        var shared = pool[0].Features;
        foreach (var kind in pool)
        {
            shared &= kind.Features;
        }

        return (long)pool.Sum(k => k.Hosts.Count) * shared.PopCount();
    }

    private static string? Vendor(string cpu) => System.Text.RegularExpressions.Regex.Match(cpu, "<vendor>([^<]*)</vendor>") is { Success: true } m ? m.Groups[1].Value : null;
}
