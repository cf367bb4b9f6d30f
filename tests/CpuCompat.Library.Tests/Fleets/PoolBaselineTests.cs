using CpuCompat.Fleets;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using CpuCompat.Pools;
using CpuCompat.TestSupport;

namespace CpuCompat.Library.Tests.Fleets;

/// <summary>
/// Pool baselines over labelled fleets of real CPUs are libvirt's baselines of the members, each member read on its
/// own (the engine's baseline is checked against libvirt by the conformance suite), whatever the order of the input.
/// </summary>
public sealed class PoolBaselineTests
{
    private const string VendorPools = "arch x86_64;\npool intel { vendor Intel; }\npool amd { vendor AMD; }\n";

    [Theory]
    [InlineData(null, "cluster")]
    [InlineData(null, "rack")]
    [InlineData(VendorPools, null)]
    [InlineData(VendorPools, "cluster")]
    public void Every_pool_baseline_is_the_baseline_of_its_members(string? policy, string? by)
    {
        using var dir = new TempDirectory();
        var compat = Open(dir, policy);
        var lines = RealFleet.Lines();
        var fleet = RealFleet.Read(compat, lines);
        var cpus = RealFleet.CpuByHost(lines);

        var pools = compat.PoolBaselines(fleet, by);
        Assert.NotEmpty(pools);
        Assert.Equal(fleet.Hosts.Length, pools.Sum(p => p.Pool.Members.Length + p.Pool.Excluded.Length));
        foreach (var pool in pools)
        {
            var expected = compat.Baseline(RealFleet.MemberCpus(compat, fleet, pool.Pool.Members, cpus));
            Assert.Equal(expected.Succeeded, pool.Cpu.Succeeded);
            if (expected.Succeeded)
            {
                Assert.Equal(compat.ToXml(expected.Value), compat.ToXml(pool.Cpu.Value));
            }
            else
            {
                // Pools of both vendors: libvirt refuses them, and so does the pool, with libvirt's words after the
                // host whose vendor differs first.
                Assert.Matches($"^host [^ ]+: {System.Text.RegularExpressions.Regex.Escape(expected.Error!.Message)}$", pool.Cpu.Error!.Message);
            }
        }

        // With vendor pools every baseline exists, and each runs on every one of its members.
        if (policy is not null)
        {
            Assert.All(pools, p => Assert.True(p.Cpu.Succeeded, p.Pool.Name));
        }
    }

    [Fact]
    public void A_pool_baseline_runs_on_every_member_and_names_the_abi_level_it_offers()
    {
        using var dir = new TempDirectory();
        var compat = Open(dir, VendorPools);
        var lines = RealFleet.Lines(copies: 1);
        var fleet = RealFleet.Read(compat, lines);
        var cpus = RealFleet.CpuByHost(lines);
        var pools = compat.PoolBaselines(fleet, "cluster");
        foreach (var pool in pools)
        {
            foreach (var member in RealFleet.MemberCpus(compat, fleet, pool.Pool.Members, cpus))
            {
                Assert.NotEqual(Core.Engine.Drivers.CompareResult.Incompatible, compat.Compare(member, pool.Cpu.Value).Value.Result);
            }

            // The highest level whose features the baseline offers (none, for a pool with a 32-bit CPU in it).
            Assert.True(pool.Level is null || pool.Level.IsMetBy(pool.Offered), pool.Pool.Name);
        }

        Assert.Contains(pools, p => p.Level is not null);
    }

    [Fact]
    public void Forbidden_features_are_disabled_and_required_ones_leave_out_the_hosts_without_them()
    {
        using var dir = new TempDirectory();
        var plain = Open(dir, "arch x86_64;\npool tsx { vendor Intel; select has hle, rtm; }\n");
        var policed = Open(dir, "arch x86_64;\npool tsx { vendor Intel; select has hle, rtm; forbid hle, rtm; require avx2; }\n");
        var lines = RealFleet.Lines(copies: 1);
        var cpus = RealFleet.CpuByHost(lines);

        // The hosts with TSX, whose plain baseline offers it.
        var fleet = RealFleet.Read(plain, lines);
        var before = Assert.Single(plain.PoolBaselines(fleet));
        Assert.Contains("hle", plain.Database.X86!.NamesOf(before.Offered));

        var policedFleet = RealFleet.Read(policed, lines);
        var pool = Assert.Single(policed.PoolBaselines(policedFleet));
        Assert.NotEmpty(pool.Pool.Members);
        Assert.All(pool.Pool.Excluded, e => Assert.Contains("avx2", e.Lacks));
        var xml = policed.ToXml(pool.Cpu.Value);
        Assert.Contains("<feature policy='disable' name='hle'/>", xml);
        Assert.Contains("<feature policy='disable' name='rtm'/>", xml);
        Assert.DoesNotContain("hle", policed.Database.X86!.NamesOf(pool.Offered));
        foreach (var member in RealFleet.MemberCpus(policed, policedFleet, pool.Pool.Members, cpus))
        {
            Assert.NotEqual(Core.Engine.Drivers.CompareResult.Incompatible, policed.Compare(member, pool.Cpu.Value).Value.Result);
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_order_of_the_hosts()
    {
        using var dir = new TempDirectory();
        var compat = Open(dir, VendorPools);
        var lines = RealFleet.Lines(copies: 2);
        var expected = Summary(compat, RealFleet.Read(compat, lines));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var shuffled = lines.ToArray();
            new Random(seed).Shuffle(shuffled);
            return Summary(compat, RealFleet.Read(compat, shuffled)) == expected;
        }));
    }

    /// <summary>Everything a user sees of the pools: names, members (as sets), baselines.</summary>
    private static string Summary(CpuCompatibility compat, Fleet fleet) =>
        string.Join("\n", compat.PoolBaselines(fleet, "cluster").Select(p =>
            $"{p.Pool.Name}: {string.Join(',', p.Pool.Members.Select(m => fleet.Hosts[m].Name).Order(StringComparer.Ordinal))}\n"
            + $"{string.Join(',', p.Pool.Excluded.Select(e => e.Host).Order(StringComparer.Ordinal))}\n{compat.ToXml(p.Cpu.Value)}"
            + string.Join(',', p.HeldBackBy.Select(k => $"{fleet.Kinds[k.Kind].Label}:{k.Hosts}:{string.Join('/', k.Gains)}"))
            + string.Join(',', p.SecurityLost) + p.Level?.Name));

    internal static CpuCompatibility Open(TempDirectory dir, string? policy) =>
        policy is null ? CpuCompatibility.OpenBuiltIn() : CpuCompatibility.OpenBuiltIn().WithPolicies([dir.Write("policy.ccl", policy)]).Value;
}
