using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>Updating a guest CPU against the host CPU (CpuEngine.Update, X86Driver.Update).</summary>
public sealed class UpdateTests
{
    private readonly CpuEngine _engine = Lineup().Model("Lean", ancestor: "Mid", features: ["removed:hle", "removed:rtm"]).Engine();

    [Fact]
    public void A_host_model_guest_becomes_the_hosts_model_with_its_own_features_on_top()
    {
        var guest = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel, Features = [Disable("avx2"), Require("hle")] };

        var updated = Ok(_engine.Update(guest, HostCpu("Mid", "Intel", "avx2", "rtm")));

        Assert.Equal((CpuMode.Custom, CpuMatch.Exact), (updated.Mode, updated.Match));
        Assert.Equal(("Mid", "Intel"), (updated.Model, updated.Vendor));
        Assert.Equal([Disable("avx2"), Require("rtm"), Require("hle")], updated.Features);
    }

    [Fact]
    public void A_minimum_match_guest_takes_the_hosts_model_and_features_but_keeps_its_vendor()
    {
        var guest = Guest("Old", Require("pse")) with { Match = CpuMatch.Minimum };

        var updated = Ok(_engine.Update(guest, HostCpu("Mid", "Intel", "avx2")));

        Assert.Equal((CpuMode.Custom, CpuMatch.Exact), (updated.Mode, updated.Match));
        Assert.Equal(("Mid", null), (updated.Model, updated.Vendor));
        Assert.Equal([Require("avx2"), Require("pse")], updated.Features);
    }

    [Fact]
    public void Optional_features_become_required_or_disabled_by_what_the_host_has()
    {
        var guest = Guest("Old", Optional("sse"), Optional("avx2"), Require("pse"));

        var updated = Ok(_engine.Update(guest, HostCpu("Mid", "Intel")));

        Assert.Equal("Old", updated.Model);
        Assert.Equal([Require("sse"), Disable("avx2"), Require("pse")], updated.Features);
    }

    [Fact]
    public void An_optional_feature_the_map_does_not_know_is_an_unknown_name()
    {
        var error = Fails(_engine.Update(Guest("Old", Optional("sse4_1")), HostCpu("Mid", "Intel")), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU feature 'sse4_1' — libvirt calls it 'sse4.1'", error.Message);
    }

    [Theory]
    [InlineData(FeaturePolicy.Disable)]
    [InlineData(FeaturePolicy.Forbid)]
    public void The_models_removed_features_are_appended_with_the_removed_policy(FeaturePolicy removedPolicy)
    {
        var updated = Ok(_engine.Update(Guest("Lean", Require("rtm")), HostCpu("Mid", "Intel"), removedPolicy));

        Assert.Equal([Require("rtm"), new CpuFeature("hle", removedPolicy)], updated.Features);
    }

    [Fact]
    public void A_host_model_guest_on_a_host_whose_model_removed_features_lists_them_disabled()
    {
        var guest = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel };

        var updated = Ok(_engine.Update(guest, HostCpu("Lean", "Intel", "avx2")));

        Assert.Equal("Lean", updated.Model);
        Assert.Equal([Require("avx2"), Disable("hle"), Disable("rtm")], updated.Features);
    }

    [Fact]
    public void An_exact_custom_guest_without_optional_features_is_left_as_it_is()
    {
        var guest = Guest("Mid", Require("avx2"), Disable("sse2"));

        var updated = Ok(_engine.Update(guest, HostCpu("Old", null)));

        Assert.Equal(("Mid", CpuMatch.Exact), (updated.Model, updated.Match));
        Assert.Equal(guest.Features, updated.Features);
    }

    [Theory]
    [InlineData(CpuMode.HostPassthrough)]
    [InlineData(CpuMode.Maximum)]
    public void Host_passthrough_and_maximum_guests_are_unchanged(CpuMode mode)
    {
        var guest = CpuDefinition.NewGuest() with { Mode = mode, Features = [Optional("avx2")] };

        Assert.Same(guest, Ok(_engine.Update(guest, HostCpu("Mid", "Intel"))));
        Assert.Same(guest, Ok(_engine.Update(guest, null)));
    }

    [Fact]
    public void A_guest_resolved_relative_to_the_host_needs_a_host()
    {
        var guest = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel };

        var error = Fails(_engine.Update(guest, null), CpuErrorKind.InvalidInput);

        Assert.Equal("unknown host CPU model", error.Message);
    }
}
