using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Fleets;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Fleets;

/// <summary>
/// What-if answers are the pools recomputed on the changed fleet; check verdicts are libvirt's cpu-compare of the
/// guest with every member (identical or superset: it runs).
/// </summary>
public sealed class WhatIfAndCheckTests
{
    private const string VendorPools = "arch x86_64;\npool intel { vendor Intel; }\npool amd { vendor AMD; }\n";

    [Fact]
    public void Removing_and_adding_hosts_gives_the_pools_of_the_changed_fleet()
    {
        using var dir = new TempDirectory();
        var compat = PoolBaselineTests.Open(dir, VendorPools);
        var lines = RealFleet.Lines(copies: 1);
        var (kept, added) = (lines.Where((_, i) => i % 4 != 0).ToList(), lines.Where((_, i) => i % 4 == 0).ToList());
        var before = RealFleet.Read(compat, kept);
        var extra = RealFleet.Read(compat, added);

        var grown = FleetEdits.Add(before, extra).Value;
        AssertRecomputed(compat, "add", before, grown, RealFleet.Read(compat, [.. kept, .. added]));

        var names = before.Hosts.Where((_, i) => i % 3 == 0).Select(h => h.Name).ToList();
        var shrunk = FleetEdits.Remove(before, names).Value;
        AssertRecomputed(compat, "remove", before, shrunk, RealFleet.Read(compat, kept.Where(l => !names.Any(n => l.Contains($"\"host\":\"{n}\"", StringComparison.Ordinal)))));
    }

    private static void AssertRecomputed(CpuCompatibility compat, string change, Fleet before, Fleet after, Fleet recomputed)
    {
        Assert.Equal(recomputed.Hosts.Length, after.Hosts.Length);
        var result = compat.WhatIf(change, before, after, "cluster", guestsDirectory: null);
        var expected = compat.PoolBaselines(recomputed, "cluster").ToDictionary(p => p.Pool.Name, p => compat.ToXml(p.Cpu.Value));
        var actual = result.Pools.Where(p => p.After is not null).ToDictionary(p => p.Name, p => compat.ToXml(p.After!.Cpu.Value));
        Assert.Equal(expected, actual);

        // What each pool gains and loses is the difference of the features the two baselines offer.
        foreach (var pool in result.Pools.Where(p => p.Before is not null && p.After is not null))
        {
            var x86 = compat.Database.X86!;
            Assert.Equal(x86.NamesOf(pool.After!.Offered).Except(x86.NamesOf(pool.Before!.Offered)).Order(), pool.Gained.Order());
            Assert.Equal(x86.NamesOf(pool.Before.Offered).Except(x86.NamesOf(pool.After.Offered)).Order(), pool.Lost.Order());
        }
    }

    [Fact]
    public void A_guest_passes_its_check_exactly_when_every_member_accepts_it()
    {
        using var dir = new TempDirectory();
        var compat = PoolBaselineTests.Open(dir, VendorPools);
        var lines = RealFleet.Lines(copies: 1);
        var fleet = RealFleet.Read(compat, lines);
        var cpus = RealFleet.CpuByHost(lines);
        var pools = compat.PoolBaselines(fleet, "cluster");

        // Guests that fit some pools and not others: the baselines of a few hosts each, and the example guests.
        var guests = Path.Combine(dir.Path, "guests");
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.File("data/examples/guests"), "*.xml"))
        {
            File.Copy(file, Path.Combine(Directory.CreateDirectory(guests).FullName, Path.GetFileName(file)));
        }

        var hosts = fleet.Hosts.Select(h => h.Name).ToList();
        for (var i = 0; i + 1 < hosts.Count; i += 7)
        {
            var pair = RealFleet.MemberCpus(compat, fleet, [i, i + 1], cpus);
            if (compat.Baseline(pair) is { Succeeded: true } baseline)
            {
                dir.Write($"guests/pair-{i}.xml", compat.ToXml(baseline.Value));
            }
        }

        var results = compat.Check(fleet, pools, guests);
        Assert.Equal(pools.Length * Directory.GetFiles(guests).Length, results.Length);
        Assert.Contains(results, r => r.Passed);
        Assert.Contains(results, r => !r.Passed);
        foreach (var result in results)
        {
            var pool = pools.Single(p => p.Pool.Name == result.Pool);
            var guest = compat.Reader.ReadGuest(File.ReadAllText(Path.Combine(guests, result.Name)), result.Name).Value;
            var rejecting = pool.Pool.Members.Where(m =>
                compat.Compare(compat.ReadCpus(cpus[fleet.Hosts[m].Name], "host").Value.Single(), guest) is not { Succeeded: true, Value.Result: CompareResult.Identical or CompareResult.Superset })
                .Select(m => fleet.Hosts[m].Name).ToList();
            Assert.True(rejecting.Count == 0 == result.Passed, $"{result.Pool}/{result.Name}: {result.Message}");
            if (!result.Passed)
            {
                Assert.Equal(rejecting.Count, result.HostCount);
                Assert.All(result.Hosts, h => Assert.Contains(h, rejecting));
            }
        }
    }
}
