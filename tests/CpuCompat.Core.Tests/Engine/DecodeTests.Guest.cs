using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Engine.Drivers.X86;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>Guest decoding: the CPU a host-model guest gets, with disabled features, penalties and allowed models.</summary>
public sealed partial class DecodeTests
{
    [Fact]
    public void Guest_decode_lists_required_features_then_disabled_ones_each_in_map_order()
    {
        var t = new TinyDatabase().Model("M", features: ["fpu", "vme", "pse", "avx2"]);

        var guest = Ok(t.Engine().DecodeGuest(Cpuid("hle", "sse", "fpu", "de")));

        Assert.Equal((CpuType.Guest, CpuMode.Custom, CpuMatch.Exact, CpuFallback.Forbid), (guest.Type, guest.Mode, guest.Match, guest.Fallback));
        Assert.Equal(("M", null), (guest.Model, guest.Vendor));
        Assert.Equal([Require("de"), Require("sse"), Require("hle"), Disable("vme"), Disable("pse"), Disable("avx2")], guest.Features);
    }

    [Fact]
    public void Guest_decode_accepts_a_model_with_missing_features_that_host_decode_refuses()
    {
        var t = new TinyDatabase()
            .Model("Small", features: ["fpu"])
            .Model("Big", features: ["fpu", "vme", "de", "pse", "sse"]);

        var guest = Ok(t.Engine().DecodeGuest(Cpuid("fpu", "vme", "de", "pse")));

        Assert.Equal("Big", guest.Model);
        Assert.Equal([Disable("sse")], guest.Features);
    }

    [Theory]
    [InlineData(0, 1, 2, 2)]
    [InlineData(0, 2, 3, 2)]
    [InlineData(0, 3, 6, 5)]
    [InlineData(0, 4, 7, 5)]
    [InlineData(0, 5, 11, 9)]
    [InlineData(1, 2, 4, 2)]
    [InlineData(2, 3, 8, 5)]
    [InlineData(2, 0, 2, 0)]
    public void Guest_score_penalises_only_the_first_half_of_the_disabled_features(int required, int disabled, int score, int penalty)
    {
        string[] missing = ["vme", "de", "pse", "sse", "sse2"];
        string[] extra = ["avx2", "hle"];
        var t = new TinyDatabase().Model("M", features: ["fpu", .. missing[..disabled]]);
        var trace = new DecodeTrace();

        Ok(t.Engine().DecodeGuest(Cpuid(["fpu", .. extra[..required]]), trace: trace));

        var step = Assert.Single(trace.Steps);
        Assert.Equal((required, disabled, score, penalty), (step.Required, step.Disabled, step.Score, step.Penalty));
    }

    [Fact]
    public void The_guest_score_quirk_lets_two_disabled_features_beat_four_required_ones()
    {
        var t = new TinyDatabase()
            .Model("Wide", features: ["fpu", "vme", "de", "pse", "sse", "avx2", "avx512f"])
            .Model("Narrow", features: ["fpu"]);

        var guest = Ok(t.Engine().DecodeGuest(Cpuid("fpu", "vme", "de", "pse", "sse")));

        Assert.Equal("Wide", guest.Model);
        Assert.Equal([Disable("avx2"), Disable("avx512f")], guest.Features);
    }

    [Fact]
    public void Guest_decode_appends_the_models_removed_features_as_disabled_unless_already_listed()
    {
        var t = new TinyDatabase().Model("M", features: ["fpu", "vme", "removed:rtm", "removed:hle"]);
        var engine = t.Engine();
        var trace = new DecodeTrace();

        var guest = Ok(engine.DecodeGuest(Cpuid("fpu", "vme", "hle"), trace: trace));
        var host = Ok(engine.DecodeHost(Cpuid("fpu", "vme", "hle")));

        Assert.Equal([Require("hle"), Disable("rtm")], guest.Features);
        Assert.Equal((1, 1), (trace.Steps[0].Required, trace.Steps[0].Disabled));
        Assert.Equal([Plain("hle")], host.Features);
    }

    [Fact]
    public void Removed_features_are_listed_in_the_models_order_after_the_missing_ones()
    {
        var t = new TinyDatabase().Model("M", features: ["fpu", "vme", "removed:rtm", "removed:hle"]);

        var guest = Ok(t.Engine().DecodeGuest(Cpuid("fpu", "sse")));

        Assert.Equal([Require("sse"), Disable("vme"), Disable("rtm"), Disable("hle")], guest.Features);
    }

    [Fact]
    public void Allowed_model_blockers_become_disabled_even_when_the_model_lacks_them()
    {
        var t = new TinyDatabase().Model("M", features: ["fpu", "vme"]);
        var allowed = new AllowedModels([new AllowedModel("M", ModelUsability.No, ["avx2", "vme", "sse", "bogus"])]);

        var guest = Ok(t.Engine().DecodeGuest(Cpuid("fpu", "vme", "sse"), allowed));

        Assert.Equal([Require("sse"), Disable("vme"), Disable("avx2")], guest.Features);
    }

    [Fact]
    public void Models_missing_from_the_allowed_list_are_not_candidates()
    {
        var trace = new DecodeTrace();

        var guest = Ok(Lineup().Engine().DecodeGuest(Cpuid(IntelString, 0, "fpu", "vme", "de", "sse", "sse2"), AllowedModels.Of("Old", "Amd"), trace));

        Assert.Equal(("Old", "Intel"), (guest.Model, guest.Vendor));
        Assert.Equal([Require("sse"), Require("sse2")], guest.Features);
        Assert.Equal(
            [("Amd", DecodeVerdict.Skipped), ("New", DecodeVerdict.Skipped), ("Mid", DecodeVerdict.Skipped), ("Old", DecodeVerdict.Accepted)],
            Verdicts(trace));
        Assert.Equal(("vendor AMD, the CPU is Intel", "not in the allowed models"), (trace.Steps[0].Reason, trace.Steps[2].Reason));
    }

    [Fact]
    public void A_single_preferred_model_that_is_not_allowed_is_an_error_under_fallback_forbid()
    {
        var t = Lineup();
        var driver = new X86Driver(t.X86, t.Database.Generation);
        var request = new X86DecodeRequest(DecodeRequest.GuestStub(), driver.Input(Cpuid("fpu", "vme"))) { Allowed = AllowedModels.Of("Old"), Preferred = ["Mid"] };

        var error = Fails(driver.Decode(request), CpuErrorKind.NoSuitableModel);

        Assert.Equal("CPU model Mid is not supported by hypervisor", error.Message);
    }

    [Fact]
    public void Under_fallback_allow_a_single_preferred_model_that_is_not_allowed_is_skipped()
    {
        var t = Lineup();
        var driver = new X86Driver(t.X86, t.Database.Generation);
        var stub = DecodeRequest.GuestStub() with { Fallback = CpuFallback.Allow };
        var request = new X86DecodeRequest(stub, driver.Input(Cpuid("fpu", "vme"))) { Allowed = AllowedModels.Of("Old"), Preferred = ["Mid"] };

        var guest = Ok(driver.Decode(request));

        Assert.Equal("Old", guest.Model);
        Assert.Equal([Disable("de")], guest.Features);
    }

    [Fact]
    public void A_migratable_decode_leaves_non_migratable_features_out()
    {
        var engine = Lineup().Engine();
        var data = Cpuid("fpu", "vme", "de", "invtsc");

        var full = Ok(engine.Decode(new DecodeRequest(DecodeRequest.GuestStub(), data)));
        var migratable = Ok(engine.Decode(new DecodeRequest(DecodeRequest.GuestStub(), data) { Migratable = true }));

        Assert.Equal(("Old", "Old"), (full.Model, migratable.Model));
        Assert.Equal([Require("invtsc")], full.Features);
        Assert.Empty(migratable.Features);
    }
}
