using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>The model walk of x86 decoding (X86Decoder), mostly seen through the host decode of <c>virsh capabilities</c>.</summary>
public sealed partial class DecodeTests
{
    /// <summary>The models the decode visited, in visiting order, with what happened to each.</summary>
    private static IEnumerable<(string, DecodeVerdict)> Verdicts(DecodeTrace trace) => trace.Steps.Select(s => (s.Model, s.Verdict));

    [Fact]
    public void Host_decode_lists_the_extra_features_in_map_order_without_policy()
    {
        var engine = Lineup().Engine();

        var host = Ok(engine.DecodeHost(Cpuid(IntelString, 0, "avx512f", "sse2", "fpu", "hle", "de", "sse", "vme")));

        Assert.Equal(CpuType.Host, host.Type);
        Assert.Equal("x86_64", host.Arch);
        Assert.Equal("Mid", host.Model);
        Assert.Equal("Intel", host.Vendor);
        Assert.Equal([Plain("hle"), Plain("avx512f")], host.Features);
        Assert.Null(host.Signature);
    }

    [Fact]
    public void Host_decode_only_accepts_models_whose_features_are_all_present()
    {
        var t = new TinyDatabase()
            .Model("Small", features: ["fpu"])
            .Model("Big", features: ["fpu", "vme", "de", "pse", "sse"]);
        var trace = new DecodeTrace();

        var host = Ok(t.Engine().DecodeHost(Cpuid("fpu", "vme", "de", "pse"), trace));

        Assert.Equal("Small", host.Model);
        Assert.Equal([Plain("vme"), Plain("de"), Plain("pse")], host.Features);
        var big = trace.Steps[0];
        Assert.Equal(("Big", DecodeVerdict.Skipped, "the CPU lacks 1 of its features"), (big.Model, big.Verdict, big.Reason));
    }

    [Fact]
    public void The_walk_goes_from_the_last_model_to_the_first_and_ties_go_to_the_later_model()
    {
        var t = new TinyDatabase()
            .Model("First", features: ["fpu", "vme"])
            .Model("Second", features: ["fpu", "vme"]);
        var trace = new DecodeTrace();

        var host = Ok(t.Engine().DecodeHost(Cpuid("fpu", "vme", "sse"), trace));

        Assert.Equal("Second", host.Model);
        Assert.Equal([Plain("sse")], host.Features);
        Assert.Equal([("Second", DecodeVerdict.Accepted), ("First", DecodeVerdict.Rejected)], Verdicts(trace));
        Assert.Equal("ties with Second (score 1), which comes later in the map", trace.Steps[1].Reason);
    }

    [Fact]
    public void An_earlier_model_replaces_the_best_when_it_needs_fewer_extra_features()
    {
        var t = new TinyDatabase()
            .Model("Rich", features: ["fpu", "vme", "de"])
            .Model("Poor", features: ["fpu"]);
        var trace = new DecodeTrace();

        var host = Ok(t.Engine().DecodeHost(Cpuid("fpu", "vme", "de", "sse"), trace));

        Assert.Equal("Rich", host.Model);
        Assert.Equal([Plain("sse")], host.Features);
        Assert.Equal([("Poor", DecodeVerdict.Accepted, 3), ("Rich", DecodeVerdict.Accepted, 1)], trace.Steps.Select(s => (s.Model, s.Verdict, s.Score)));
    }

    [Theory]
    [InlineData(60u, 1u, "Sig")]
    [InlineData(60u, 2u, "Sig")]
    [InlineData(60u, 3u, "Generic")]
    [InlineData(61u, 1u, "Generic")]
    public void A_model_matching_the_CPU_signature_beats_a_better_model_that_does_not(uint model, uint stepping, string expected)
    {
        var t = new TinyDatabase();
        t.Model("Sig", features: ["fpu"], signatures: [t.Signature(6, 60, 0b0110)])
            .Model("Generic", features: ["fpu", "vme", "de", "sse"]);

        var host = Ok(t.Engine().DecodeHost(Cpuid(null, Eax(6, model, stepping), "fpu", "vme", "de", "sse")));

        Assert.Equal(expected, host.Model);
        Assert.Equal(new CpuSignature(6, model, stepping), host.Signature);
    }

    [Fact]
    public void A_best_model_matching_the_signature_is_never_replaced_by_one_that_does_not()
    {
        var t = new TinyDatabase();
        t.Model("Generic", features: ["fpu", "vme", "de", "sse"])
            .Model("Sig", features: ["fpu"], signatures: [t.Signature(6, 60)]);
        var trace = new DecodeTrace();

        var host = Ok(t.Engine().DecodeHost(Cpuid(null, Eax(6, 60, 3), "fpu", "vme", "de", "sse"), trace));

        Assert.Equal("Sig", host.Model);
        Assert.Equal([Plain("vme"), Plain("de"), Plain("sse")], host.Features);
        Assert.Equal((DecodeVerdict.Rejected, "Sig matches the CPU signature, this model does not"), (trace.Steps[1].Verdict, trace.Steps[1].Reason));
    }

    [Theory]
    [InlineData(AmdString, "AmdM", "AMD")]
    [InlineData(IntelString, "IntelM", "Intel")]
    [InlineData(null, "IntelM", null)]
    public void The_data_vendor_restricts_the_walk_to_models_of_that_vendor_or_without_one(string? vendor, string expectedModel, string? expectedVendor)
    {
        var t = new TinyDatabase()
            .Model("AmdM", vendor: "AMD", features: ["fpu", "vme"])
            .Model("Neutral", features: ["fpu"])
            .Model("IntelM", vendor: "Intel", features: ["fpu", "vme", "sse"]);

        var host = Ok(t.Engine().DecodeHost(Cpuid(vendor, 0, "fpu", "vme", "sse")));

        Assert.Equal((expectedModel, expectedVendor), (host.Model, host.Vendor));
    }

    [Fact]
    public void Models_without_a_vendor_are_candidates_for_every_vendor()
    {
        var t = new TinyDatabase()
            .Model("AmdM", vendor: "AMD", features: ["fpu", "vme"])
            .Model("Neutral", features: ["fpu"])
            .Model("IntelM", vendor: "Intel", features: ["fpu", "vme", "sse"]);
        var trace = new DecodeTrace();

        var host = Ok(t.Engine().DecodeHost(Cpuid(AmdString, 0, "fpu"), trace));

        Assert.Equal(("Neutral", "AMD"), (host.Model, host.Vendor));
        Assert.Equal("AMD", trace.Vendor);
        Assert.Equal(("IntelM", DecodeVerdict.Skipped, "vendor Intel, the CPU is AMD"), (trace.Steps[0].Model, trace.Steps[0].Verdict, trace.Steps[0].Reason));
    }

    [Fact]
    public void A_model_not_decodable_for_hosts_is_still_a_guest_candidate()
    {
        var t = new TinyDatabase()
            .Model("Shown", features: ["fpu"])
            .Model("Hidden", features: ["fpu", "vme"], decodeHost: false);
        var engine = t.Engine();
        var trace = new DecodeTrace();

        var host = Ok(engine.DecodeHost(Cpuid("fpu", "vme"), trace));
        var guest = Ok(engine.DecodeGuest(Cpuid("fpu", "vme")));

        Assert.Equal("Shown", host.Model);
        Assert.Equal([Plain("vme")], host.Features);
        Assert.Equal(("Hidden", DecodeVerdict.Skipped, "not decodable for hosts"), (trace.Steps[0].Model, trace.Steps[0].Verdict, trace.Steps[0].Reason));
        Assert.Equal("Hidden", guest.Model);
        Assert.Empty(guest.Features);
    }

    [Theory]
    [InlineData(60u, "Plain", "broken-tsx")]
    [InlineData(63u, "Plain", "broken-tsx")]
    [InlineData(61u, "Tsx", null)]
    public void Rules_drop_their_features_from_the_data_before_decoding(uint model, string expectedModel, string? appliedRule)
    {
        var t = new TinyDatabase()
            .BrokenTsxRule()
            .Model("Plain", features: ["fpu"])
            .Model("Tsx", features: ["fpu", "hle", "rtm"]);
        var trace = new DecodeTrace();

        var host = Ok(t.Engine().DecodeHost(Cpuid(IntelString, Eax(6, model, 1), "fpu", "hle", "rtm"), trace));

        Assert.Equal(expectedModel, host.Model);
        Assert.Empty(host.Features);
        Assert.Equal(appliedRule is null ? [] : new[] { appliedRule }, trace.AppliedRules);
    }

    [Fact]
    public void Rules_that_test_the_vendor_leave_other_vendors_data_alone()
    {
        var t = new TinyDatabase()
            .BrokenTsxRule()
            .Model("Plain", features: ["fpu"])
            .Model("Tsx", features: ["fpu", "hle", "rtm"]);

        var host = Ok(t.Engine().DecodeHost(Cpuid(AmdString, Eax(6, 60, 1), "fpu", "hle", "rtm")));

        Assert.Equal("Tsx", host.Model);
    }

    [Fact]
    public void Decoding_fails_with_no_suitable_model_when_no_model_fits()
    {
        var engine = Lineup().Engine();

        var host = Fails(engine.DecodeHost(Cpuid(IntelString, 0, "vme", "sse")), CpuErrorKind.NoSuitableModel);
        var guest = Fails(engine.DecodeGuest(Cpuid("fpu"), AllowedModels.Of()), CpuErrorKind.NoSuitableModel);

        Assert.Equal("cannot find suitable CPU model for given data", host.Message);
        Assert.Equal(host.Message, guest.Message);
    }
}
