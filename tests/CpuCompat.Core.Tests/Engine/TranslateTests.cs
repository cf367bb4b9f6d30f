using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>Translating a CPU whose model the hypervisor lacks (CpuEngine.Translate, X86Driver.Translate).</summary>
public sealed class TranslateTests
{
    private readonly CpuEngine _engine = Lineup().Engine();

    [Fact]
    public void A_cpu_whose_model_is_allowed_or_that_has_no_model_to_translate_is_returned_as_it_is()
    {
        var custom = Guest("Mid", Require("avx2"));
        var hostModel = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel, Model = "Mid" };
        var modelless = Guest(null, Require("avx2"));

        Assert.Same(custom, Ok(_engine.Translate(custom, AllowedModels.Of("Mid"))));
        Assert.Same(custom, Ok(_engine.Translate(custom, null)));
        Assert.Same(hostModel, Ok(_engine.Translate(hostModel, AllowedModels.Of("Old"))));
        Assert.Same(modelless, Ok(_engine.Translate(modelless, AllowedModels.Of("Old"))));
    }

    [Fact]
    public void A_model_that_is_not_allowed_is_decoded_among_the_allowed_ones_and_the_cpus_features_reapplied()
    {
        var cpu = Guest("Mid", Require("avx2"), Disable("sse2"));

        var translated = Ok(_engine.Translate(cpu, AllowedModels.Of("Old")));

        Assert.Equal(("Old", null, CpuFallback.Allow), (translated.Model, translated.Vendor, translated.Fallback));
        Assert.Equal([Require("sse"), Require("avx2"), Disable("sse2")], translated.Features);
    }

    [Fact]
    public void A_cpu_with_fallback_forbid_cannot_be_translated()
    {
        var cpu = Guest("Mid") with { Fallback = CpuFallback.Forbid };

        var error = Fails(_engine.Translate(cpu, AllowedModels.Of("Old")), CpuErrorKind.NoSuitableModel);

        Assert.Equal("CPU model Mid is not supported by hypervisor", error.Message);
    }

    [Fact]
    public void The_decode_uses_the_vendor_of_the_cpus_model()
    {
        var intel = Ok(_engine.Translate(Guest("Mid"), AllowedModels.Of("Amd", "Old")));
        var neutral = Ok(_engine.Translate(Guest("Old", Require("sse"), Require("sse2")), AllowedModels.Of("Amd", "New")));

        Assert.Equal("Old", intel.Model);
        Assert.Equal([Require("sse"), Require("sse2")], intel.Features);
        Assert.Equal("Amd", neutral.Model);
        Assert.Equal([Require("sse2"), Require("sse")], neutral.Features);
    }

    [Fact]
    public void The_decode_uses_the_first_signature_of_the_cpus_model()
    {
        var t = new TinyDatabase();
        t.Model("Target1", features: ["fpu", "vme", "sse"], signatures: [t.Signature(6, 60)])
            .Model("Target2", features: ["fpu", "vme", "sse", "sse2"])
            .Model("Src", features: ["fpu", "vme", "sse", "sse2"], signatures: [t.Signature(6, 60, 0b1100), t.Signature(6, 61)])
            .Model("Unsigned", features: ["fpu", "vme", "sse", "sse2"]);
        var engine = t.Engine();
        var allowed = AllowedModels.Of("Target1", "Target2");

        var signed = Ok(engine.Translate(Guest("Src"), allowed));
        var unsigned = Ok(engine.Translate(Guest("Unsigned"), allowed));

        Assert.Equal("Target1", signed.Model);
        Assert.Equal([Require("sse2")], signed.Features);
        Assert.Equal("Target2", unsigned.Model);
        Assert.Empty(unsigned.Features);
    }

    [Fact]
    public void Without_a_usable_allowed_model_there_is_no_suitable_model()
    {
        var error = Fails(_engine.Translate(Guest("Mid"), AllowedModels.Of("Nope")), CpuErrorKind.NoSuitableModel);

        Assert.Equal("cannot find suitable CPU model for given data", error.Message);
    }
}
