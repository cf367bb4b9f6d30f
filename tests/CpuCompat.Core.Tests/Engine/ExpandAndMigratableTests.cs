using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>Feature expansion, migratable copies and the feature checks of the x86 driver.</summary>
public sealed class ExpandAndMigratableTests
{
    private readonly CpuEngine _engine = Lineup().Model("Lean", ancestor: "Mid", features: ["removed:rtm", "removed:hle"]).Engine();

    [Fact]
    public void Expanding_a_guest_lists_model_features_as_required_its_own_required_and_disabled_ones_and_removed_ones_disabled()
    {
        var guest = Guest("Lean", Require("avx2"), Disable("vme"), Optional("pse"), Force("avx512f"), Forbid("sse"));

        var expanded = Ok(_engine.ExpandFeatures(guest));

        Assert.Equal(
            [Require("avx2"), Require("de"), Require("fpu"), Disable("hle"), Disable("rtm"), Require("sse"), Require("sse2"), Disable("vme")],
            expanded.Features);
        Assert.Equal("Lean", expanded.Model);
    }

    [Fact]
    public void Expanding_a_host_lists_every_feature_without_policy_and_not_the_removed_ones()
    {
        var expanded = Ok(_engine.ExpandFeatures(HostCpu("Lean", "Intel", "sse4.1", "avx2")));

        Assert.Equal(["avx2", "de", "fpu", "sse", "sse2", "sse4.1", "vme"], expanded.Features.Select(f => f.Name));
        Assert.All(expanded.Features, f => Assert.Null(f.Policy));
    }

    [Fact]
    public void Expanding_an_unknown_model_is_an_unknown_name()
    {
        var error = Fails(_engine.ExpandFeatures(Guest("Nope")), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU model 'Nope'", error.Message);
    }

    [Fact]
    public void A_migratable_copy_drops_only_the_non_migratable_features()
    {
        var guest = Guest("Mid", Require("invtsc"), Require("avx2"), Disable("bogus"));
        var host = HostCpu("Mid", "Intel", "hle", "invtsc");

        Assert.Equal([Require("avx2"), Disable("bogus")], _engine.CopyMigratable(guest).Features);
        Assert.Equal([Plain("hle")], _engine.CopyMigratable(host).Features);
        Assert.Equal(("Mid", "Intel"), (_engine.CopyMigratable(host).Model, _engine.CopyMigratable(host).Vendor));
    }

    [Theory]
    [InlineData("fpu", true)]
    [InlineData("avx2", true)]
    [InlineData("sse", false)]
    [InlineData("hle", false)]
    [InlineData("rtm", false)]
    [InlineData("hv-synic", false)]
    public void A_cpu_has_its_models_features_and_its_own_except_disabled_and_optional_ones(string feature, bool expected)
    {
        var guest = Guest("Mid", Require("avx2"), Disable("sse"), Optional("hle"));

        Assert.Equal(expected, Ok(_engine.HasFeature(guest, feature)));
    }

    [Fact]
    public void Asking_for_an_unknown_feature_is_an_unknown_name()
    {
        var error = Fails(_engine.HasFeature(Guest("Mid"), "avx3"), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU feature 'avx3' — did you mean 'avx2'?", error.Message);
    }

    [Fact]
    public void Validation_accepts_map_features_and_names_the_libvirt_spelling_of_an_alias()
    {
        Ok(_engine.ValidateFeatures(Guest("Mid", Require("sse4.1"), Disable("invtsc"))));

        var alias = Fails(_engine.ValidateFeatures(Guest("Mid", Require("fpu"), Require("sse4_1"))), CpuErrorKind.UnknownName);
        var typo = Fails(_engine.ValidateFeatures(Guest("Mid", Forbid("avx3"))), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU feature 'sse4_1' — libvirt calls it 'sse4.1'", alias.Message);
        Assert.Equal("unknown CPU feature 'avx3' — did you mean 'avx2'?", typo.Message);
    }
}
