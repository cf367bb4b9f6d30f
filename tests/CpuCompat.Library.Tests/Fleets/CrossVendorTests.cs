using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Features;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Library.Tests.Fleets;

/// <summary>
/// Pools of Intel and AMD hosts with <c>--cross-vendor</c>: a guest CPU without a vendor on a vendor-neutral model that
/// offers exactly what all members share and runs on each of them (the engine's compare is libvirt's, checked by the
/// conformance suite), and ABI levels as the x86-64 psABI defines them, written out here independently of the database.
/// </summary>
public sealed class CrossVendorTests
{
    /// <summary>The psABI levels in libvirt's feature names, each adding to the one before.</summary>
    private static readonly string[][] Levels =
    [
        ["cmov", "cx8", "fpu", "fxsr", "mmx", "syscall", "sse", "sse2", "lm"],
        ["cx16", "lahf_lm", "popcnt", "pni", "sse4.1", "sse4.2", "ssse3"],
        ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"],
        ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"],
    ];

    [Fact]
    public void The_level_of_every_real_cpu_is_the_highest_whose_features_it_has_all_of()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var arch = compat.Database.X86!;
        var seen = new int[Levels.Length + 1];
        foreach (var (name, text) in RealFleet.HostCpus())
        {
            var cpu = compat.ReadCpus(text, name).Value.Single();
            var features = compat.Engine.FeaturesOf(cpu, Core.Cpu.ArchFamily.X86).Value;
            var expected = LevelOf(arch.NamesOf(features).ToHashSet());
            Assert.Equal(expected, arch.LevelOf(features)?.Name);
            seen[expected is null ? 0 : expected[^1] - '0']++;
        }

        // The real CPUs reach every level from v2 up, so each definition is exercised.
        Assert.All(seen[2..], count => Assert.True(count > 0));
    }

    /// <summary>The highest level all of whose features (and its bases') are in <paramref name="names"/>.</summary>
    private static string? LevelOf(HashSet<string> names)
    {
        var reached = 0;
        while (reached < Levels.Length && Levels[reached].All(names.Contains))
        {
            reached++;
        }

        return reached == 0 ? null : $"x86-64-v{reached}";
    }

    [Fact]
    public void A_mixed_pool_gets_a_vendor_free_cpu_that_offers_what_all_members_share_and_runs_on_each()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var lines = RealFleet.Lines(copies: 1);
        var fleet = RealFleet.Read(compat, lines);
        var cpus = RealFleet.CpuByHost(lines);
        var mixedPools = 0;
        foreach (var pool in compat.PoolBaselines(fleet, "cluster", crossVendor: true))
        {
            var members = RealFleet.MemberCpus(compat, fleet, pool.Pool.Members, cpus);
            var vendors = members.Select(m => m.Vendor).Distinct().Count();
            Assert.True(pool.Cpu.Succeeded, pool.Pool.Name);
            if (vendors == 1)
            {
                // One vendor: libvirt's own baseline, unchanged.
                Assert.Null(pool.CrossVendor);
                Assert.Equal(compat.ToXml(compat.Baseline(members).Value), compat.ToXml(pool.Cpu.Value));
                continue;
            }

            mixedPools++;
            var cpu = pool.Cpu.Value;
            Assert.Null(cpu.Vendor);
            Assert.Null(compat.Database.X86!.FindModel(cpu.Model!)!.VendorId);
            var shared = members.Select(m => compat.Engine.FeaturesOf(m, Core.Cpu.ArchFamily.X86).Value).Aggregate((a, b) => a & b);
            Assert.Equal(shared, compat.Engine.FeaturesOf(cpu, Core.Cpu.ArchFamily.X86).Value);
            Assert.All(members, m => Assert.NotEqual(CompareResult.Incompatible, compat.Compare(m, cpu).Value.Result));

            // It offers every feature of the level it reports, and the pool says what it risks.
            var names = compat.Database.X86!.NamesOf(pool.Offered).ToHashSet();
            Assert.Equal(LevelOf(names), pool.Level?.Name);
            Assert.Equal(members.Select(m => m.Vendor!).Distinct().Order(StringComparer.Ordinal), pool.CrossVendor!.Vendors);
            Assert.Contains(pool.CrossVendor.Risks, r => r.Contains("MSR", StringComparison.Ordinal));
        }

        Assert.True(mixedPools > 0);
    }

    [Fact]
    public void Without_cross_vendor_a_mixed_pool_keeps_libvirts_refusal()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var fleet = RealFleet.Read(compat, RealFleet.Lines(copies: 1));
        var pool = Assert.Single(compat.PoolBaselines(fleet));
        Assert.Matches("^host [^ ]+: CPU vendors do not match$", pool.Cpu.Error!.Message);
        Assert.Null(pool.CrossVendor);
    }

    [Fact]
    public void The_cross_vendor_cpu_does_not_depend_on_the_order_of_the_hosts()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var lines = RealFleet.Lines(copies: 1);
        string Answer(IEnumerable<string> l) => string.Join("\n", compat.PoolBaselines(RealFleet.Read(compat, l), "rack", crossVendor: true)
            .Select(p => compat.ToXml(p.Cpu.Value) + string.Join(',', p.Generations.Select(g => g.Model)) + string.Join('\n', p.CrossVendor?.Risks ?? [])));
        var expected = Answer(lines);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(10), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var shuffled = lines.ToArray();
            new Random(seed).Shuffle(shuffled);
            return Answer(shuffled) == expected;
        }));
    }

    [Fact]
    public void A_generation_is_a_model_all_members_have_all_of_and_beyond_it_is_the_rest()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var fleet = RealFleet.Read(compat, RealFleet.Lines(copies: 1));
        var arch = compat.Database.X86!;
        foreach (var pool in compat.PoolBaselines(fleet, "cluster", crossVendor: true))
        {
            Assert.NotEmpty(pool.Generations);
            foreach (var g in pool.Generations)
            {
                var model = arch.FindModel(g.Model)!;
                Assert.True(model.Features.IsSubsetOf(pool.Offered), g.Model);
                Assert.Equal(arch.NamesOf(pool.Offered.Except(model.Features)), g.Beyond);
                // No model of that vendor with more features would also fit.
                Assert.DoesNotContain(arch.Models, m => !m.IsAlias && (m.DecodeHost || m.DecodeGuest) && m.Features.IsSubsetOf(pool.Offered)
                    && (m.VendorId is null || arch.Vendors[m.VendorId.Value].Name == g.Vendor) && m.Features.PopCount() > model.Features.PopCount());
            }
        }
    }
}
