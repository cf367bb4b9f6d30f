using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>x86 compare (X86Driver.Compare) over the <see cref="TinyDatabase.Lineup"/> models.</summary>
public sealed class CompareTests
{
    private readonly CpuEngine _engine = Lineup().Engine();

    [Fact]
    public void A_guest_asking_for_exactly_the_hosts_features_is_identical()
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel", "avx2"), Guest("Mid", Require("avx2"))));

        Assert.Equal(CompareOutcome.Identical, outcome);
        Assert.Null(outcome.Message);
    }

    [Fact]
    public void A_guest_asking_for_less_than_the_host_has_is_a_superset()
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel", "avx2"), Guest("Mid")));

        Assert.Equal(CompareResult.Superset, outcome.Result);
        Assert.Empty(outcome.Features);
    }

    [Fact]
    public void Required_features_the_host_lacks_make_the_guest_incompatible_listed_in_map_order()
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel"), Guest("New", Require("avx512f"), Require("hle"))));

        Assert.Equal(CompareResult.Incompatible, outcome.Result);
        Assert.Equal("Host CPU does not provide required features", outcome.Reason);
        Assert.Equal(["hle", "avx2", "avx512f"], outcome.Features);
        Assert.Equal("Host CPU does not provide required features: hle, avx2, avx512f", outcome.Message);
    }

    [Fact]
    public void Forbidden_features_the_host_provides_make_the_guest_incompatible()
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel", "avx2"), Guest("Mid", Forbid("hle"), Forbid("avx2"))));

        Assert.Equal(CompareResult.Incompatible, outcome.Result);
        Assert.Equal("Host CPU provides forbidden features", outcome.Reason);
        Assert.Equal(["avx2"], outcome.Features);
    }

    [Fact]
    public void A_strict_guest_is_incompatible_with_a_host_that_has_extra_features()
    {
        var guest = Guest("Mid") with { Match = CpuMatch.Strict };

        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel", "avx2", "hle"), guest));

        Assert.Equal(CompareResult.Incompatible, outcome.Result);
        Assert.Equal("Host CPU does not strictly match guest CPU: Extra features: hle, avx2", outcome.Message);
        Assert.Equal(CompareResult.Identical, Ok(_engine.Compare(HostCpu("Mid", "Intel"), guest)).Result);
    }

    [Fact]
    public void A_guest_naming_another_vendor_is_incompatible()
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel"), Guest("Old") with { Vendor = "AMD" }));

        Assert.Equal(CompareResult.Incompatible, outcome.Result);
        Assert.Equal("host CPU vendor does not match required CPU vendor AMD", outcome.Message);
    }

    [Fact]
    public void A_cpu_of_another_arch_is_incompatible()
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel"), Guest("Old") with { Arch = "aarch64" }));

        Assert.Equal(CompareResult.Incompatible, outcome.Result);
        Assert.Equal("CPU arch aarch64 does not match host arch", outcome.Message);
    }

    [Fact]
    public void A_host_without_a_model_is_an_unknown_host_cpu_and_an_error_when_failing_on_incompatibility()
    {
        var outcome = Ok(_engine.Compare(HostCpu(null, "Intel"), Guest("Old")));
        var failed = _engine.Compare(HostCpu(null, "Intel"), Guest("Old"), failIncompatible: true);

        Assert.Equal((CompareResult.Incompatible, "unknown host CPU"), (outcome.Result, outcome.Message));
        Assert.False(failed.Succeeded);
        Assert.Equal((CpuErrorKind.Incompatible, "unknown host CPU"), (failed.Error.Kind, failed.Error.Message));
    }

    [Fact]
    public void Fail_incompatible_turns_an_incompatible_verdict_into_an_incompatible_error()
    {
        var error = Fails(_engine.Compare(HostCpu("Mid", "Intel"), Guest("New"), failIncompatible: true), CpuErrorKind.Incompatible);

        Assert.Equal("the CPU is incompatible with host CPU: Host CPU does not provide required features: avx2", error.Message);
        Assert.Equal(CompareResult.Superset, Ok(_engine.Compare(HostCpu("New", "Intel", "hle"), Guest("New"), failIncompatible: true)).Result);
    }

    [Theory]
    [InlineData(FeaturePolicy.Force, CompareResult.Identical)]
    [InlineData(FeaturePolicy.Optional, CompareResult.Identical)]
    [InlineData(FeaturePolicy.Disable, CompareResult.Identical)]
    [InlineData(FeaturePolicy.Require, CompareResult.Incompatible)]
    [InlineData(FeaturePolicy.Forbid, CompareResult.Incompatible)]
    public void Forced_optional_and_disabled_model_features_do_not_count_as_required(FeaturePolicy policy, CompareResult expected)
    {
        var outcome = Ok(_engine.Compare(HostCpu("Mid", "Intel"), Guest("New", new CpuFeature("avx2", policy))));

        Assert.Equal(expected, outcome.Result);
        Assert.Equal(expected == CompareResult.Incompatible ? new[] { "avx2" } : [], outcome.Features);
    }

    [Fact]
    public void An_unknown_guest_model_is_an_unknown_name_error_with_a_suggestion()
    {
        var error = Fails(_engine.Compare(HostCpu("Mid", "Intel"), Guest("Midd")), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU model 'Midd' — did you mean 'Mid'?", error.Message);
    }
}
