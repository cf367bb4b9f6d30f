using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>The engine's other operations on raw CPUID data: offered features, model support, host-model, property lists.</summary>
public sealed class RawDataTests
{
    [Theory]
    [InlineData(false, new[] { "fpu", "sse", "invtsc" })]
    [InlineData(true, new[] { "fpu", "sse" })]
    public void Offered_features_are_the_data_after_the_rules_in_map_order(bool migratableOnly, string[] expected)
    {
        var engine = Lineup().BrokenTsxRule().Engine();

        var offered = Ok(engine.OfferedFeatures(Cpuid(IntelString, Eax(6, 63, 2), "invtsc", "rtm", "sse", "hle", "fpu"), migratableOnly));

        Assert.Equal(expected, offered);
    }

    [Fact]
    public void Model_support_lists_every_model_in_map_order_with_the_features_it_lacks()
    {
        var support = Ok(Lineup().Engine().ModelSupport(Cpuid(AmdString, 0, "fpu", "vme", "de", "sse")));

        Assert.Equal(
            [
                ("Old", null, true, ""),
                ("Mid", "Intel", false, "sse2"),
                ("New", "Intel", false, "sse2 avx2"),
                ("Amd", "AMD", true, ""),
            ],
            support.Select(s => (s.Model.Name, s.Vendor, s.Usable, string.Join(" ", s.Blockers))));
    }

    [Fact]
    public void The_host_model_is_a_guest_decode_among_the_usable_and_blocked_models_without_the_features_qemu_cannot_give()
    {
        var hostModel = Ok(Lineup().Engine().HostModel(Cpuid(IntelString, 0, "fpu", "vme", "de", "sse", "osxsave")));

        Assert.Equal((CpuMode.HostModel, CpuMatch.Exact, CpuFallback.Forbid), (hostModel.Mode, hostModel.Match, hostModel.Fallback));
        Assert.Equal(("Old", "Intel"), (hostModel.Model, hostModel.Vendor));
        Assert.Equal([Require("sse")], hostModel.Features);
    }

    [Fact]
    public void Data_from_a_property_list_sets_the_features_bits_the_vendor_and_the_signature()
    {
        var engine = Lineup().Engine();

        var data = Ok(engine.DataFromProperties(["sse2", "fpu", "vme", "de", "sse", "not-a-feature"], IntelString, new CpuSignature(6, 60, 3)));
        var host = Ok(engine.DecodeHost(data));

        Assert.Equal(new Registers(0, 0x756E6547, 0x6C65746E, 0x49656E69), data[DataKey.Cpuid(0x0)]);
        Assert.Equal(new Registers(0x000306C3, 0, 0, 0b0110_0000_0000_0000_0000_0000_0111), data[DataKey.Cpuid(0x1)]);
        Assert.Equal(("Mid", "Intel", new CpuSignature(6, 60, 3)), (host.Model, host.Vendor, host.Signature));
        Assert.Empty(host.Features);
    }

    [Theory]
    [InlineData("fpu", true)]
    [InlineData("sse", false)]
    [InlineData("hv-synic", false)]
    public void Raw_data_has_a_feature_when_all_its_bits_are_set(string feature, bool expected)
    {
        Assert.Equal(expected, Ok(Lineup().Engine().HasFeature(Cpuid("fpu", "vme"), feature)));
    }

    [Fact]
    public void Raw_data_of_an_architecture_without_cpuid_cannot_be_decoded()
    {
        var engine = Lineup().Engine();

        var s390 = Fails(engine.DecodeHost(Cpuid("fpu"), family: ArchFamily.S390), CpuErrorKind.Unsupported);
        var ppc64 = Fails(engine.DecodeHost(Cpuid("fpu"), family: ArchFamily.Ppc64), CpuErrorKind.Unsupported);

        Assert.Equal("cannot decode raw CPU data of architecture s390x: only x86 CPUs describe themselves by CPUID data", s390.Message);
        Assert.Equal("the database has no ppc64 models, so it cannot decode such CPUs", ppc64.Message);
    }

    [Fact]
    public void The_hypervisor_view_makes_every_model_an_allowed_model_with_its_blockers()
    {
        var allowed = Ok(Lineup().Engine().HypervisorModels(Cpuid("fpu", "vme", "de", "sse", "sse2")));

        Assert.Equal(
            [
                new AllowedModel("Old", ModelUsability.Yes, []),
                new AllowedModel("Mid", ModelUsability.Yes, []),
                new AllowedModel("New", ModelUsability.No, ["avx2"]),
                new AllowedModel("Amd", ModelUsability.Yes, []),
            ],
            allowed.Models);
    }
}
