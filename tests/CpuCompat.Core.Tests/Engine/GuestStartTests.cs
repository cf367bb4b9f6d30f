using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>The steps of starting a guest on a host (CpuEngine.StartGuest): validate, forbid, check, update, translate.</summary>
public sealed class GuestStartTests
{
    private readonly CpuEngine _engine = Lineup().Engine();

    [Fact]
    public void A_host_providing_a_forbidden_feature_refuses_the_guest()
    {
        var error = Fails(_engine.StartGuest(Guest("Old", Forbid("hle"), Forbid("avx2")), HostCpu("Mid", "Intel", "avx2")), CpuErrorKind.Incompatible);

        Assert.Equal("Host CPU provides forbidden feature 'avx2'", error.Message);
    }

    [Fact]
    public void A_forbidden_feature_the_host_lists_as_disabled_does_not_refuse_the_guest()
    {
        var host = HostCpu("Mid", "Intel") with { Features = [Disable("avx2")] };

        var started = Ok(_engine.StartGuest(Guest("Old", Forbid("avx2")), host));

        Assert.Equal("Old", started.Model);
        Assert.Equal([Forbid("avx2")], started.Features);
    }

    [Fact]
    public void Check_none_skips_the_forbidden_features_and_the_compare()
    {
        var guest = Guest("New", Forbid("avx512f")) with { Check = CpuCheck.None };

        var started = Ok(_engine.StartGuest(guest, HostCpu("Mid", "Intel", "avx512f")));

        Assert.Equal("New", started.Model);
        Assert.Equal([Forbid("avx512f")], started.Features);
    }

    [Fact]
    public void The_default_check_of_a_custom_guest_compares_it_with_the_host()
    {
        var error = Fails(_engine.StartGuest(Guest("New"), HostCpu("Mid", "Intel")), CpuErrorKind.Incompatible);

        Assert.Equal("the CPU is incompatible with host CPU: Host CPU does not provide required features: avx2", error.Message);
    }

    [Theory]
    [InlineData(CpuMode.HostPassthrough)]
    [InlineData(CpuMode.Maximum)]
    public void Host_passthrough_and_maximum_guests_start_as_they_are(CpuMode mode)
    {
        var guest = CpuDefinition.NewGuest() with { Mode = mode, Features = [Forbid("avx2")] };

        Assert.Same(guest, Ok(_engine.StartGuest(guest, HostCpu("Mid", "Intel", "avx2"), AllowedModels.Of("Old"))));
    }

    [Fact]
    public void A_host_model_guest_gets_the_hosts_migratable_cpu_with_its_own_features_on_top()
    {
        var guest = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel, Features = [Disable("sse")] };

        var started = Ok(_engine.StartGuest(guest, HostCpu("Mid", "Intel", "avx2", "invtsc")));

        Assert.Equal((CpuMode.Custom, "Mid", "Intel"), (started.Mode, started.Model, started.Vendor));
        Assert.Equal([Require("avx2"), Disable("sse")], started.Features);
    }

    [Fact]
    public void The_guest_is_translated_to_an_allowed_model_at_the_end()
    {
        var started = Ok(_engine.StartGuest(Guest("Mid", Optional("avx2")), HostCpu("Mid", "Intel", "avx2"), AllowedModels.Of("Old")));
        var forbid = Fails(_engine.StartGuest(Guest("Mid") with { Fallback = CpuFallback.Forbid }, HostCpu("Mid", "Intel"), AllowedModels.Of("Old")), CpuErrorKind.NoSuitableModel);

        Assert.Equal("Old", started.Model);
        Assert.Equal([Require("sse"), Require("sse2"), Require("avx2")], started.Features);
        Assert.Equal("CPU model Mid is not supported by hypervisor", forbid.Message);
    }

    [Fact]
    public void Unknown_feature_names_are_refused_before_anything_else()
    {
        var error = Fails(_engine.StartGuest(Guest("New", Require("bogus")), HostCpu("Old", null)), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU feature 'bogus'", error.Message);
    }

    [Fact]
    public void A_custom_guest_without_a_model_has_nothing_to_resolve()
    {
        var guest = Guest(null, Require("bogus"));

        Assert.Same(guest, Ok(_engine.StartGuest(guest, HostCpu("Mid", "Intel") with { Arch = "ia64" })));
    }

    [Fact]
    public void A_host_of_an_architecture_without_a_cpu_driver_cannot_start_guests()
    {
        var error = Fails(_engine.StartGuest(Guest("Mid"), HostCpu("Mid", "Intel") with { Arch = "ia64" }), CpuErrorKind.Unsupported);

        Assert.Equal("no CPU driver for architecture ia64", error.Message);
    }
}
