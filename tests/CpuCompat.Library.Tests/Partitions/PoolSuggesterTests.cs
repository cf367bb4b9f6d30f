using CpuCompat.Fleets;
using CpuCompat.Library.Tests.Fleets;
using CpuCompat.Partitions;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Library.Tests.Partitions;

/// <summary>
/// <c>pool suggest</c> on random sub-fleets of the real host CPUs of libvirt 9.0.0's and 11.3.0's test data: every host
/// in exactly one pool, at most K pools, each pool one vendor and its baseline libvirt's baseline of its members; the
/// same partition whatever the order of the input; never below one pool per vendor nor below the greedy merge, both
/// computed here without the suggester.
/// </summary>
public sealed class PoolSuggesterTests
{
    public static TheoryData<string> Versions => [.. SharedData.LibvirtVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_host_is_in_exactly_one_pool_of_one_vendor_whose_baseline_is_libvirts_baseline_of_its_members(string version)
    {
        ForRandomSubFleets(version, 50, (compat, lines, k, _) =>
        {
            var fleet = RealFleet.Read(compat, lines);
            var suggestion = Suggest(compat, fleet, k);
            var cpuByHost = RealFleet.CpuByHost(lines);

            Assert.InRange(suggestion.Pools.Length, 1, k);
            var members = suggestion.Pools.SelectMany(p => p.Baseline.Pool.Members.Select(m => fleet.Hosts[m].Name)).ToList();
            Assert.Equal(cpuByHost.Keys.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
            Assert.Empty(suggestion.Unplaced);
            foreach (var pool in suggestion.Pools)
            {
                var memberCpus = RealFleet.MemberCpus(compat, fleet, pool.Baseline.Pool.Members, cpuByHost);
                Assert.Single(memberCpus.Select(c => c.Vendor).Distinct());
                var expected = compat.Baseline(memberCpus);
                Assert.True(expected.Succeeded, expected.ToString());
                Assert.Equal(compat.ToXml(expected.Value), compat.ToXml(pool.Baseline.Cpu.Value));
                Assert.Equal(compat.Engine.FeaturesOf(expected.Value).Value.PopCount() * (long)memberCpus.Count, pool.Value);
            }

            Assert.Equal(suggestion.Pools.Sum(p => p.Value), suggestion.Value);
            Assert.Equal(suggestion.Value, suggestion.Scores.Of(suggestion.Method));
            Assert.InRange(suggestion.Value, 0, suggestion.Scores.Ceiling);
        });
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_partition_is_the_same_under_any_order_of_the_input_lines(string version)
    {
        ForRandomSubFleets(version, 40, (compat, lines, k, seed) =>
        {
            var expected = Summary(compat, RealFleet.Read(compat, lines), k);
            var shuffled = lines.ToArray();
            new Random(seed ^ 0x5eed).Shuffle(shuffled);
            Assert.Equal(expected, Summary(compat, RealFleet.Read(compat, shuffled), k));
        });
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Guests_keep_at_least_what_one_pool_per_vendor_and_the_greedy_merge_give_them(string version)
    {
        ForRandomSubFleets(version, 50, (compat, lines, k, _) =>
        {
            var fleet = RealFleet.Read(compat, lines);
            var suggestion = Suggest(compat, fleet, k);
            var kinds = SuggestReference.Kinds(compat, fleet, lines);

            var onePool = SuggestReference.Value(compat, SuggestReference.OnePoolPerVendor(kinds));
            var greedy = SuggestReference.Value(compat, SuggestReference.Greedy(kinds, k));
            Assert.Equal(onePool, suggestion.Scores.OnePool);
            Assert.Equal(greedy, suggestion.Scores.Greedy);
            Assert.True(suggestion.Value >= onePool, $"{suggestion.Value} < one pool per vendor {onePool}");
            Assert.True(suggestion.Value >= greedy, $"{suggestion.Value} < greedy merge {greedy}");
        });
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void On_the_whole_fleet_more_pools_never_keep_less_and_one_per_vendor_is_pool_baseline_by_vendor(string version)
    {
        var compat = SuggestReference.Open(version);
        var lines = RealFleet.Lines(copies: 2, version);
        var fleet = RealFleet.Read(compat, lines);
        var vendors = fleet.Kinds.Select(k => k.Cpu.Vendor).Distinct().Count();

        // K = the vendors: one pool each, which is every vendor's plain baseline.
        var single = Suggest(compat, fleet, vendors);
        Assert.Equal(vendors, single.Pools.Length);
        var cpuByHost = RealFleet.CpuByHost(lines);
        foreach (var pool in single.Pools)
        {
            var vendor = pool.Baseline.Pool.Kinds.Select(k => fleet.Kinds[k.Kind].Cpu.Vendor).Distinct().Single();
            Assert.Equal(fleet.Hosts.Count(h => fleet.Kinds[h.Kind].Cpu.Vendor == vendor), pool.Baseline.Pool.Members.Length);
            Assert.Equal(compat.ToXml(compat.Baseline(RealFleet.MemberCpus(compat, fleet, pool.Baseline.Pool.Members, cpuByHost)).Value), compat.ToXml(pool.Baseline.Cpu.Value));
        }

        var previous = single.Value;
        foreach (var k in new[] { vendors + 1, vendors + 3, vendors + 8 })
        {
            var suggestion = Suggest(compat, fleet, k);
            Assert.Equal(k, suggestion.Pools.Length);
            Assert.True(suggestion.Value >= previous, $"K={k}: {suggestion.Value} < {previous}");
            Assert.Equal([.. Enumerable.Range(1, k).Select(i => $"pool-{i}")], suggestion.Pools.Select(p => p.Baseline.Pool.Name));
            Assert.True(suggestion.Pools.Zip(suggestion.Pools.Skip(1)).All(p => p.First.Baseline.Pool.Members.Length >= p.Second.Baseline.Pool.Members.Length));
            previous = suggestion.Value;
        }

        // As many pools as kinds: each kind alone.
        var each = Suggest(compat, fleet, fleet.Kinds.Length);
        Assert.All(each.Pools, p => Assert.Single(p.Baseline.Pool.Kinds));
    }

    [Fact]
    public void Fewer_pools_than_vendors_is_an_error_that_names_the_groups()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var fleet = RealFleet.Read(compat, RealFleet.Lines(copies: 1));
        var vendors = fleet.Kinds.Select(k => k.Cpu.Vendor!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(vendors.Count >= 2, string.Join(", ", vendors));

        var result = compat.SuggestPools(fleet, vendors.Count - 1);
        Assert.False(result.Succeeded);
        Assert.Contains($"the fleet has {vendors.Count} such groups", result.Error!.Message, StringComparison.Ordinal);
        Assert.All(vendors, v => Assert.Contains($"{v} x86_64", result.Error.Message, StringComparison.Ordinal));
        Assert.False(compat.SuggestPools(fleet, 0).Succeeded);
    }

    [Fact]
    public void A_feature_weighted_alone_is_kept_by_every_host_that_has_it_when_each_vendor_can_have_two_pools()
    {
        using var dir = new TempDirectory();
        var compat = CpuCompatibility.OpenBuiltIn();
        var fleet = RealFleet.Read(compat, RealFleet.Lines(copies: 1));
        var weights = compat.ReadWeights(dir.Write("weights.txt", "default 0\navx512f 1\n")).Value;
        var vendors = fleet.Kinds.Select(k => k.Cpu.Vendor).Distinct().Count();
        var x86 = compat.Database.X86!;
        var with = fleet.Hosts.Count(h => compat.Engine.FeaturesOf(fleet.Kinds[h.Kind].Cpu).Value.Contains(x86.FindFeature("avx512f")!.Id));
        Assert.InRange(with, 1, fleet.Hosts.Length - 1);

        var suggestion = compat.SuggestPools(fleet, 2 * vendors, weights).Value;
        Assert.Equal(with, suggestion.Value);
        Assert.Equal(with, suggestion.Scores.Ceiling);
        foreach (var pool in suggestion.Pools)
        {
            var offers = pool.Baseline.Offered.Contains(x86.FindFeature("avx512f")!.Id);
            Assert.Equal(offers ? pool.Baseline.Pool.Members.Length : 0, pool.Value);
        }
    }

    [Fact]
    public void A_policy_pool_is_split_on_its_own_keeps_its_policy_and_the_hosts_it_does_not_select_are_unplaced()
    {
        using var dir = new TempDirectory();
        var compat = CpuCompatibility.OpenBuiltIn().WithPolicies([dir.Write("p.ccl", "arch x86_64;\npool intel { vendor Intel; forbid hle, rtm; require sse4.2; }\n")]).Value;
        var lines = RealFleet.Lines(copies: 1);
        var fleet = RealFleet.Read(compat, lines);
        var suggestion = compat.SuggestPools(fleet, 3).Value;

        Assert.Equal(["intel-1", "intel-2", "intel-3"], suggestion.Pools.Select(p => p.Baseline.Pool.Name));
        Assert.All(suggestion.Pools, p => Assert.Equal("intel", p.Group));
        Assert.All(suggestion.Pools, p => Assert.DoesNotContain("hle", compat.Database.X86!.NamesOf(p.Baseline.Offered)));
        var group = Assert.Single(suggestion.Groups);
        Assert.NotEmpty(group.Excluded);
        Assert.All(group.Excluded, e => Assert.Contains("sse4.2", e.Lacks));

        // Every Intel host is a member or left out for lacking sse4.2; every other host is unplaced.
        var intel = fleet.Hosts.Where(h => fleet.Kinds[h.Kind].Cpu.Vendor == "Intel").Select(h => h.Name).ToHashSet();
        var members = suggestion.Pools.SelectMany(p => p.Baseline.Pool.Members.Select(m => fleet.Hosts[m].Name)).ToList();
        Assert.Equal(intel.Order(StringComparer.Ordinal), members.Concat(group.Excluded.Select(e => e.Host)).Order(StringComparer.Ordinal));
        Assert.Equal(fleet.Hosts.Select(h => h.Name).Where(n => !intel.Contains(n)).Order(StringComparer.Ordinal), suggestion.Unplaced);
    }

    /// <summary>Runs <paramref name="check"/> on <paramref name="tests"/> random sub-fleets of the version's real CPUs (lines, K, the seed), with FsCheck choosing the seeds.</summary>
    private static void ForRandomSubFleets(string version, int tests, Action<CpuCompatibility, List<string>, int, int> check)
    {
        var compat = SuggestReference.Open(version);
        var cpus = RealFleet.HostCpus(version);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (lines, k) = SuggestReference.SubFleet(cpus, seed);
            check(compat, lines, k, seed);
        }));
    }

    private static PoolSuggestion Suggest(CpuCompatibility compat, Fleet fleet, int k)
    {
        var result = compat.SuggestPools(fleet, k);
        Assert.True(result.Succeeded, result.ToString());
        return result.Value;
    }

    /// <summary>What a user sees of a suggestion: pool names, members and baselines, and the objective figures.</summary>
    private static string Summary(CpuCompatibility compat, Fleet fleet, int k)
    {
        var suggestion = Suggest(compat, fleet, k);
        return $"{suggestion.Method} {suggestion.Scores}\n" + string.Join("\n", suggestion.Pools.Select(p =>
            $"{p.Baseline.Pool.Name}: {string.Join(',', p.Baseline.Pool.Members.Select(m => fleet.Hosts[m].Name))}\n{compat.ToXml(p.Baseline.Cpu.Value)}"
            + string.Join(',', p.Baseline.HeldBackBy.Select(c => $"{fleet.Kinds[c.Kind].Label}:{c.Hosts}:{string.Join('/', c.Gains)}:{c.ModelWithout}"))));
    }
}
