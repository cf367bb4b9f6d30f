using CpuCompat.Core.Cpu;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Fleets;

/// <summary>
/// <c>pool explain</c> over fleets of real CPUs: each newer model's blockers are exactly the members that lack some of
/// its features (each member read on its own), and retiring them gives libvirt's baseline of the others.
/// </summary>
public sealed class PoolExplanationTests
{
    [Fact]
    public void Blockers_are_the_members_lacking_a_newer_models_features_and_retiring_them_gives_the_others_baseline()
    {
        using var dir = new TempDirectory();
        var compat = PoolBaselineTests.Open(dir, "arch x86_64;\npool intel { vendor Intel; }\npool amd { vendor AMD; }\n");
        var lines = RealFleet.Lines(copies: 1);
        var fleet = RealFleet.Read(compat, lines);
        var cpus = RealFleet.CpuByHost(lines);
        var arch = compat.Database.X86!;
        var retirements = 0;
        foreach (var explanation in compat.ExplainPools(fleet, "rack"))
        {
            var pool = explanation.Baseline;
            if (!pool.Cpu.Succeeded)
            {
                // Mixed vendors without --cross-vendor: libvirt's refusal, nothing to explain.
                Assert.Empty(explanation.Newer);
                continue;
            }

            var chosen = arch.FindModel(pool.Cpu.Value.Model!)!;
            var members = pool.Pool.Members.Select(m => (Name: fleet.Hosts[m].Name, Cpu: RealFleet.MemberCpus(compat, fleet, [m], cpus)[0])).ToList();
            Assert.NotEmpty(explanation.Newer);
            foreach (var newer in explanation.Newer)
            {
                var model = arch.FindModel(newer.Model)!;
                Assert.False(model.IsAlias);
                Assert.False(model.Features.IsSubsetOf(chosen.Features), newer.Model);
                var lacking = members.Where(m => !model.Features.IsSubsetOf(compat.Engine.FeaturesOf(m.Cpu, ArchFamily.X86).Value)).ToList();
                Assert.Equal(lacking.Count, newer.HostsLacking);
                foreach (var blocker in newer.Blockers)
                {
                    var own = compat.Engine.FeaturesOf(fleet.Kinds[blocker.Kind].Cpu, ArchFamily.X86).Value;
                    Assert.Equal(arch.NamesOf(model.Features.Except(own)), blocker.Lacks);
                    Assert.All(blocker.FirstHosts, h => Assert.Contains(lacking, l => l.Name == h));
                }

                if (newer.BaselineWithout is { } without)
                {
                    retirements++;
                    var others = members.Where(m => !lacking.Contains(m)).Select(m => m.Cpu).ToList();
                    Assert.Equal(compat.ToXml(global::CpuCompat.Pools.PoolBaseline.Baseline(compat.Engine, pool.Pool.Policy, others).Value), compat.ToXml(without));
                }
            }
        }

        Assert.True(retirements > 0);
    }

    [Fact]
    public void A_variant_of_the_same_generation_counts_as_newer_and_older_generations_do_not()
    {
        var compat = CpuCompatibility.OpenBuiltIn();
        var fleet = RealFleet.Read(compat, RealFleet.Lines(copies: 1));
        foreach (var explanation in compat.ExplainPools(fleet, "cluster", crossVendor: true))
        {
            var chosen = compat.Database.X86!.FindModel(explanation.Baseline.Cpu.Value.Model!)!;
            Assert.All(explanation.Newer, n =>
            {
                var model = compat.Database.X86!.FindModel(n.Model)!;
                Assert.True(model.Id > chosen.Id || model.Name.Split('-')[0] == chosen.Name.Split('-')[0], n.Model);
            });
        }
    }
}
