using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Conformance.Tests.Properties;

/// <summary>
/// Laws the engine must keep on real CPUs: a baseline runs on every member of its pool, its required features do
/// not depend on the order of the pool, a CPU is identical to itself, and decoding never throws.
/// </summary>
public sealed class EngineLawTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static CpuEngine Engine => RealCpus.Engine;

    /// <summary>Pools of 1-8 real CPUs of one vendor, in random order.</summary>
    private static Arbitrary<RealCpu[]> Pools(IReadOnlyList<RealCpu> cpus) =>
        Gen.Elements(cpus.Select(c => c.Vendor).Distinct().ToArray())
            .SelectMany(vendor => Gen.Choose(1, 8).SelectMany(n =>
                Gen.ArrayOf(Gen.Elements(cpus.Where(c => c.Vendor == vendor).ToArray()), n)))
            .ToArbitrary();

    [Fact]
    public void The_laws_run_over_the_suites_and_the_dump_corpus()
    {
        var cpus = RealCpus.Require();
        Assert.True(cpus.Count(c => c.Source.StartsWith("libvirt", StringComparison.Ordinal)) >= 40, "libvirt's suite CPUs are missing");
        Assert.True(cpus.Count(c => c.Source.StartsWith("dump", StringComparison.Ordinal)) >= 480, "the cpuid-dumps corpus is missing");
        Assert.True(cpus.Select(c => c.Vendor).Distinct().Count() >= 3, "expected CPUs of several vendors");
    }

    [Fact]
    public void Compare_of_a_cpu_with_itself_is_identical()
    {
        foreach (var cpu in RealCpus.Require())
        {
            var outcome = Engine.Compare(cpu.Host, cpu.Host);
            Assert.True(outcome.Succeeded && outcome.Value.Result == CompareResult.Identical, $"{cpu}: {outcome}");
        }
    }

    [Fact]
    public void Baseline_of_a_same_vendor_pool_runs_on_every_member()
    {
        var cpus = RealCpus.Require();
        Check.One(Runs, Prop.ForAll(Pools(cpus), pool =>
        {
            var baseline = Engine.Baseline(pool.Select(c => c.Host).ToList());
            Assert.True(baseline.Succeeded, $"baseline of {string.Join(", ", pool.Select(c => c.Source))} failed: {baseline.Error?.Message}");
            foreach (var member in pool)
            {
                var verdict = Engine.Compare(member.Host, baseline.Value);
                Assert.True(
                    verdict.Succeeded && verdict.Value.Result is CompareResult.Identical or CompareResult.Superset,
                    $"{member} does not run the baseline {baseline.Value.Model}: {verdict}");
            }
        }));
    }

    /// <summary>
    /// The expanded baseline requires exactly the features every member has, whatever the order. The model libvirt
    /// picks can depend on the order when the inputs name several models (its preferred-model rule is not a total
    /// order), and with it which features are listed as disabled; CpuCompat matches libvirt there.
    /// </summary>
    [Fact]
    public void Expanded_baseline_requires_the_same_features_in_any_order()
    {
        var cpus = RealCpus.Require();
        var x86 = Engine.Database.X86!;
        Check.One(Runs, Prop.ForAll(Pools(cpus), Gen.Choose(0, int.MaxValue).ToArbitrary(), (pool, seed) =>
        {
            var random = new Random(seed);
            var shuffled = pool.OrderBy(_ => random.Next()).ToArray();
            var a = Required(x86, pool);
            var b = Required(x86, shuffled);
            Assert.True(a == b, $"order changed the required features: {string.Join(", ", x86.NamesOf(a ^ b))}");
        }));
    }

    private static Core.Features.FeatureSet Required(Core.Database.ArchDatabase x86, IEnumerable<RealCpu> pool)
    {
        var expanded = Engine.Baseline(pool.Select(c => c.Host).ToList(), expandFeatures: true).Value;
        var required = expanded.Features.Where(f => f.Policy == FeaturePolicy.Require).Select(f => x86.FindFeature(f.Name)!.Id);
        return Core.Features.FeatureSet.Of(required);
    }

    [Fact]
    public void Decoding_mutated_cpuid_data_never_throws()
    {
        var cpus = RealCpus.Require();
        var mutations =
            from cpu in Gen.Elements(cpus.ToArray())
            from slot in Gen.Choose(0, cpu.Data.Slots.Length - 1)
            from register in Gen.Choose(0, 3)
            from bits in Gen.Choose(int.MinValue, int.MaxValue)
            from guest in Gen.Elements(false, true)
            select (cpu, slot, register, (uint)bits, guest);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            var original = m.cpu.Data.Slots[m.slot];
            var data = m.cpu.Data.With(original.Key, Registers.Single(m.register, m.Item4));
            var stub = m.guest ? CpuDefinition.NewGuest() with { Fallback = CpuFallback.Forbid } : DecodeRequest.HostStub();
            var outcome = Engine.Decode(new DecodeRequest(stub, data));
            Assert.True(outcome.Succeeded || outcome.Error.Kind == CpuErrorKind.NoSuitableModel, outcome.ToString());
        }));
    }
}
