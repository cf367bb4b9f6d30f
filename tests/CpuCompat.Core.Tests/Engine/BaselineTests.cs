using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>x86 baseline (CpuEngine.Baseline, X86Driver.Baseline) over the <see cref="TinyDatabase.Lineup"/> models.</summary>
public sealed class BaselineTests
{
    private readonly CpuEngine _engine = Lineup().Engine();

    [Fact]
    public void The_baseline_of_one_distinct_model_is_that_model_with_the_common_features_and_fallback_forbid()
    {
        CpuDefinition[] cpus = [HostCpu("Mid", "Intel", "avx2", "hle"), HostCpu("Mid", "Intel", "hle", "avx512f"), HostCpu("Mid", "Intel", "hle", "rtm")];

        var baseline = Ok(_engine.Baseline(cpus));

        Assert.Equal((CpuType.Guest, CpuMode.Custom, CpuMatch.Exact, CpuFallback.Forbid), (baseline.Type, baseline.Mode, baseline.Match, baseline.Fallback));
        Assert.Equal(("Mid", "Intel"), (baseline.Model, baseline.Vendor));
        Assert.Equal([Require("hle")], baseline.Features);
    }

    [Fact]
    public void With_several_input_models_the_decode_chooses_among_them_and_fallback_stays_allow()
    {
        var baseline = Ok(_engine.Baseline([HostCpu("Old", "Intel", "sse"), HostCpu("Mid", "Intel")]));

        Assert.Equal(("Old", "Intel", CpuFallback.Allow), (baseline.Model, baseline.Vendor, baseline.Fallback));
        Assert.Equal([Require("sse")], baseline.Features);
    }

    [Fact]
    public void A_preferred_input_model_with_fewer_disabled_features_beats_a_better_score()
    {
        var t = new TinyDatabase()
            .Model("Narrow", features: ["fpu"])
            .Model("Wide", features: ["fpu", "vme", "de", "pse", "sse", "avx2", "avx512f"]);
        var engine = t.Engine();
        CpuDefinition[] cpus =
        [
            Guest("Narrow", Require("vme"), Require("de"), Require("pse"), Require("sse")),
            Guest("Wide", Disable("avx2"), Disable("avx512f")),
        ];

        var baseline = Ok(engine.Baseline(cpus));
        var decoded = Ok(engine.DecodeGuest(Cpuid("fpu", "vme", "de", "pse", "sse")));

        Assert.Equal(("Narrow", CpuFallback.Allow), (baseline.Model, baseline.Fallback));
        Assert.Equal([Require("vme"), Require("de"), Require("pse"), Require("sse")], baseline.Features);
        Assert.Equal("Wide", decoded.Model);
    }

    [Fact]
    public void The_single_input_model_keeps_fallback_allow_when_it_is_not_allowed()
    {
        var baseline = Ok(_engine.Baseline([HostCpu("Mid", "Intel"), HostCpu("Mid", "Intel")], AllowedModels.Of("Old", "New")));

        Assert.Equal(("Old", CpuFallback.Allow), (baseline.Model, baseline.Fallback));
        Assert.Equal([Require("sse"), Require("sse2")], baseline.Features);
    }

    [Theory]
    [InlineData("Intel", "Intel", "Intel")]
    [InlineData("Intel", null, null)]
    [InlineData(null, "Intel", null)]
    public void The_vendor_is_printed_only_when_every_input_names_one(string? first, string? second, string? expected)
    {
        var baseline = Ok(_engine.Baseline([HostCpu("Mid", first), HostCpu("Mid", second)]));

        Assert.Equal(("Mid", expected), (baseline.Model, baseline.Vendor));
    }

    [Fact]
    public void The_vendor_may_come_from_a_later_inputs_model_but_never_from_the_first_inputs_model()
    {
        var oldFirst = Ok(_engine.Baseline([Guest("Old", Require("sse")), Guest("Mid")]));
        var midFirst = Ok(_engine.Baseline([Guest("Mid"), Guest("Old", Require("sse"))]));

        Assert.Equal(("Old", null), (oldFirst.Model, oldFirst.Vendor));
        Assert.Equal([Require("sse")], oldFirst.Features);
        Assert.Equal(("Amd", null), (midFirst.Model, midFirst.Vendor));
        Assert.Empty(midFirst.Features);
    }

    [Fact]
    public void Inputs_whose_vendors_differ_have_no_baseline()
    {
        var error = Fails(_engine.Baseline([HostCpu("Old", "Intel"), HostCpu("Amd", null)]), CpuErrorKind.InvalidInput);

        Assert.Equal("CPU vendors do not match", error.Message);
        Assert.Equal(1, error.InputIndex);
    }

    [Fact]
    public void An_input_whose_vendor_contradicts_its_models_vendor_is_invalid()
    {
        var error = Fails(_engine.Baseline([HostCpu("Old", "Intel"), HostCpu("Mid", "AMD")]), CpuErrorKind.InvalidInput);

        Assert.Equal("CPU vendor AMD of model Mid differs from the vendor of the model, Intel", error.Message);
        Assert.Equal(1, error.InputIndex);
    }

    [Fact]
    public void An_unknown_name_in_one_input_says_which_input_it_is()
    {
        var feature = Fails(_engine.Baseline([HostCpu("Old", "Intel"), HostCpu("Mid", "Intel"), HostCpu("Mid", "Intel", "warp-drive")]), CpuErrorKind.UnknownName);
        var model = Fails(_engine.Baseline([HostCpu("Nope", "Intel"), HostCpu("Mid", "Intel")]), CpuErrorKind.UnknownName);

        Assert.Equal((2, 0), (feature.InputIndex, model.InputIndex));
        Assert.Equal("c.xml:4: " + feature.Message, _engine.Baseline([HostCpu("Old", "Intel"), HostCpu("Mid", "Intel"), HostCpu("Mid", "Intel", "warp-drive")])
            .NamingInputs(["a.xml:1", "b.xml:1", "c.xml:4"]).Error!.Message);
    }

    [Fact]
    public void A_baseline_needs_at_least_one_cpu_and_a_model_for_each()
    {
        var none = Fails(_engine.Baseline([]), CpuErrorKind.InvalidInput);
        var modelless = Fails(_engine.Baseline([HostCpu("Old", null), HostCpu(null, null, "fpu")]), CpuErrorKind.InvalidInput);

        Assert.Equal("no CPUs given", none.Message);
        Assert.Equal("no CPU model specified for CPU 2", modelless.Message);
        Assert.Equal((null, 1), (none.InputIndex, modelless.InputIndex));
    }

    [Fact]
    public void Inputs_without_a_common_feature_are_incompatible()
    {
        var disjoint = Fails(_engine.Baseline([Guest("Old", Disable("fpu"), Disable("vme"), Disable("de")), HostCpu("Old", null)]), CpuErrorKind.InvalidInput);
        var filtered = Fails(_engine.Baseline([HostCpu("Old", null)], featureFilter: ["sse", "bogus"]), CpuErrorKind.InvalidInput);

        Assert.Equal("CPUs are incompatible", disjoint.Message);
        Assert.Equal("CPUs are incompatible", filtered.Message);
    }

    [Fact]
    public void A_feature_filter_keeps_only_the_named_features()
    {
        var baseline = Ok(_engine.Baseline([HostCpu("Mid", "Intel", "avx2"), HostCpu("Mid", "Intel", "avx2")], featureFilter: ["fpu", "vme", "de", "avx2", "bogus"]));

        Assert.Equal(("Mid", CpuFallback.Forbid), (baseline.Model, baseline.Fallback));
        Assert.Equal([Require("avx2"), Disable("sse"), Disable("sse2")], baseline.Features);
    }

    [Fact]
    public void Expanded_features_list_every_feature_sorted_by_name()
    {
        var baseline = Ok(_engine.Baseline([Guest("Mid", Disable("sse2"), Require("hle")), HostCpu("Mid", "Intel", "hle")], expandFeatures: true));

        Assert.Equal("Mid", baseline.Model);
        Assert.Equal([Require("de"), Require("fpu"), Require("hle"), Require("sse"), Disable("sse2"), Require("vme")], baseline.Features);
    }

    [Fact]
    public void A_migratable_baseline_drops_non_migratable_features()
    {
        CpuDefinition[] cpus = [HostCpu("Old", "Intel", "invtsc", "pse"), HostCpu("Old", "Intel", "pse", "invtsc")];

        var full = Ok(_engine.Baseline(cpus));
        var migratable = Ok(_engine.Baseline(cpus, migratable: true));

        Assert.Equal([Require("pse"), Require("invtsc")], full.Features);
        Assert.Equal([Require("pse")], migratable.Features);
    }
}
