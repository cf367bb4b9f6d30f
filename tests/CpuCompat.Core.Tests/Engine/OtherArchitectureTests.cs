using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using static CpuCompat.Core.Tests.Engine.TinyDatabase;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>The ppc64, s390 and ARM drivers, reached through the engine by the CPUs' architecture.</summary>
public sealed class OtherArchitectureTests
{
    private static readonly CpuEngine Arches = BuildEngine();

    /// <summary>ppc64 models POWER7..POWER9 and ARM models cortex-a53 and cortex-a72 (features fp, asimd), next to the tiny x86 lineup.</summary>
    private static CpuEngine BuildEngine()
    {
        var t = Lineup();
        var b = t.Builder;
        b.Arch = ArchFamily.Ppc64;
        b.Vendor("IBM");
        b.Model("POWER7", vendor: "IBM", pvrs: [b.Pvr(0x003f0000, 0xffff0000)]);
        b.Model("POWER8", vendor: "IBM", pvrs: [b.Pvr(0x004d0000, 0xffff0000)]);
        b.Model("POWER9", vendor: "IBM", pvrs: [b.Pvr(0x004e0000, 0xffff0000)]);
        b.Arch = ArchFamily.Arm;
        b.Vendor("ARM", value: 0x41);
        b.BareFeature("fp");
        b.BareFeature("asimd");
        b.Model("cortex-a53", vendor: "ARM", pvrs: [b.Pvr(0xd03, null)]);
        b.Model("cortex-a72", vendor: "ARM", pvrs: [b.Pvr(0xd08, null)]);
        b.Arch = ArchFamily.X86;
        return t.Engine();
    }

    /// <summary>An IBM ppc64 host CPU of the model.</summary>
    private static CpuDefinition PowerHost(string model) => CpuDefinition.NewHost("ppc64") with { Model = model, Vendor = "IBM" };

    [Fact]
    public void Ppc64_compares_by_model_name()
    {
        var same = Ok(Arches.Compare(PowerHost("POWER9"), Guest("POWER9")));
        var other = Ok(Arches.Compare(PowerHost("POWER9"), Guest("POWER8")));

        Assert.Equal(CompareResult.Identical, same.Result);
        Assert.Equal(CompareResult.Incompatible, other.Result);
        Assert.Equal("host CPU model POWER9 does not match required CPU model POWER8", other.Message);
    }

    [Fact]
    public void Ppc64_compare_converts_legacy_model_names()
    {
        Assert.Equal(CompareResult.Identical, Ok(Arches.Compare(PowerHost("POWER7"), Guest("POWER7_v2.3"))).Result);
        Assert.Equal(ArchFamily.Ppc64, Arches.FamilyOf(Guest("POWER7_v2.3")));
    }

    [Theory]
    [InlineData("power8", CompareResult.Identical)]
    [InlineData("power9", CompareResult.Identical)]
    [InlineData("power10", CompareResult.Incompatible)]
    public void A_ppc64_host_model_guest_may_ask_for_a_compatibility_mode_up_to_the_hosts_level(string mode, CompareResult expected)
    {
        var guest = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel, Model = mode };

        var outcome = Ok(Arches.Compare(PowerHost("POWER9"), guest));

        Assert.Equal(expected, outcome.Result);
        Assert.Equal(expected == CompareResult.Incompatible ? $"host CPU does not support compatibility mode {mode}" : null, outcome.Message);
    }

    [Fact]
    public void S390_compare_always_says_identical_and_there_is_no_s390_baseline()
    {
        var host = CpuDefinition.NewHost("s390x") with { Model = "z14" };

        var outcome = Ok(Arches.Compare(host, Guest("z15", Require("anything"))));
        var baseline = Fails(Arches.Baseline([host]), CpuErrorKind.Unsupported);

        Assert.Equal(CompareOutcome.Identical, outcome);
        Assert.Equal("cannot compute the baseline of s390 CPUs: QEMU does it", baseline.Message);
    }

    [Fact]
    public void Arm_validates_feature_names_against_the_map()
    {
        var known = Guest("cortex-a72", Require("fp"), Disable("asimd"));
        var typo = Guest("cortex-a72", Require("fp"), Require("asimdx"));

        Ok(Arches.ValidateFeatures(known));
        var error = Fails(Arches.ValidateFeatures(typo), CpuErrorKind.UnknownName);
        var x86 = Fails(Arches.ValidateFeatures(known, ArchFamily.X86), CpuErrorKind.UnknownName);

        Assert.Equal("unknown CPU feature 'asimdx' — did you mean 'asimd'?", error.Message);
        Assert.Equal("unknown CPU feature 'fp' — did you mean 'fpu'?", x86.Message);
    }

    [Fact]
    public void Arm_compares_host_cpus_by_vendor_and_model_and_guest_cpus_not_at_all()
    {
        var host = CpuDefinition.NewHost("aarch64") with { Model = "cortex-a72", Vendor = "ARM" };

        var guest = Ok(Arches.Compare(host, Guest("cortex-a53")));
        var otherHost = Ok(Arches.Compare(host, host with { Model = "cortex-a53" }));

        Assert.Equal(CompareResult.Identical, guest.Result);
        Assert.Equal("Host CPU model does not match required CPU vendor ARM or(and) model cortex-a53", otherHost.Message);
    }
}
