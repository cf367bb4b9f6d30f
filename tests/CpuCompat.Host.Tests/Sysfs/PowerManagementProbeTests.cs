using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class PowerManagementProbeTests
{
    [Fact]
    public void Mem_disk_and_suspend_mode_with_enough_swap_give_all_three_targets() =>
        Assert.Equal(["suspend_mem", "suspend_disk", "suspend_hybrid"], PowerManagementProbe.Read(HostFixtures.Root(HostFixtures.Intel), new HostNotes()));

    [Fact]
    public void Without_systemd_libvirt_gets_no_answer_and_reports_none()
    {
        var notes = new HostNotes();
        Assert.Empty(PowerManagementProbe.Read(HostFixtures.Root(HostFixtures.Amd), notes));
        Assert.Contains(notes.ToImmutable(), n => n.Source == PowerManagementProbe.SystemdMarker);
    }

    [Fact]
    public void Hibernation_needs_free_swap_at_least_the_active_anonymous_memory()
    {
        using var tree = new TempTree()
            .Directory(PowerManagementProbe.SystemdMarker)
            .File("/sys/power/state", "mem disk\n")
            .File("/sys/power/disk", "[platform] shutdown\n")
            .File("/proc/swaps", "Filename Type Size Used Priority\n/swap file 1000 900 -2\n")
            .File("/proc/meminfo", "MemTotal: 4000 kB\nActive(anon): 500 kB\n");

        Assert.Equal(["suspend_mem"], PowerManagementProbe.Read(tree.Root, new HostNotes()));
    }
}
