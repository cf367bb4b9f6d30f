using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests;

public sealed class HostEnvironmentTests
{
    [Fact]
    public void A_fixture_root_uses_its_recorded_cpuid_and_no_kvm_device()
    {
        var env = HostFixtures.Environment(HostFixtures.Intel);

        Assert.False(env.Root.IsLive);
        Assert.IsType<RecordedCpuid>(env.Cpuid);
        Assert.Null(env.Kvm);
        Assert.Equal("x86_64", env.Arch);
        Assert.Empty(env.Notes);
    }

    [Fact]
    public void A_root_without_a_recording_has_no_cpuid_and_every_report_repeats_the_note()
    {
        var env = HostFixtures.Environment(HostFixtures.Container);

        Assert.Null(env.Cpuid);
        var note = Assert.Single(env.Notes);
        Assert.Equal((HostCodes.SourceMissing, HostEnvironment.RecordedCpuidPath), (note.Code, note.Source));
        Assert.Equal(1, env.NewNotes().Count);
    }

    [Fact]
    public void The_architecture_of_a_tree_is_guessed_from_its_cpuinfo()
    {
        using var arm = new TempTree().File("/proc/cpuinfo", "processor\t: 0\nCPU implementer\t: 0x41\n");
        using var old = new TempTree().File("/proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme pae\n");

        Assert.Equal("aarch64", HostEnvironment.ForRoot(arm.Path).Arch);
        Assert.Equal("i686", HostEnvironment.ForRoot(old.Path).Arch);
    }

    [Fact]
    public void The_live_root_is_this_machine()
    {
        var env = HostEnvironment.ForRoot("/");

        Assert.True(env.Root.IsLive);
        Assert.Equal(LiveCpuid.IsSupported, env.Cpuid is LiveCpuid);
    }
}
