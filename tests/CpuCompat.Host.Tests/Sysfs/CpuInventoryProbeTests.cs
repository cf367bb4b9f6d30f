using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class CpuInventoryProbeTests
{
    [Fact]
    public void Every_present_cpu_has_its_sysfs_topology_ids()
    {
        var cpus = CpuInventoryProbe.Read(HostFixtures.Root(HostFixtures.Intel), new HostNotes());

        Assert.Equal("0-7", cpus.Present.ToString());
        Assert.Equal("0-7", cpus.Online.ToString());
        var cpu6 = cpus.Find(6)!;
        Assert.Equal((1, 0, 0, "2,6"), (cpu6.SocketId, cpu6.CoreId, cpu6.DieId, cpu6.Siblings.ToString()));
        Assert.Equal(65535, cpu6.ClusterId);
    }

    [Fact]
    public void Offline_cpus_and_missing_id_files_get_libvirts_defaults()
    {
        using var tree = new TempTree()
            .File("/sys/devices/system/cpu/present", "0-2\n")
            .File("/sys/devices/system/cpu/online", "0-1\n")
            .File("/sys/devices/system/cpu/cpu1/online", "0\n")
            .File("/sys/devices/system/cpu/cpu0/topology/physical_package_id", "-1\n");

        var cpus = CpuInventoryProbe.Read(tree.Root, new HostNotes());

        Assert.Equal([true, false, false], cpus.Cpus.Select(c => c.Online));
        Assert.Equal((0, 0, "0"), (cpus.Cpus[0].SocketId, cpus.Cpus[0].CoreId, cpus.Cpus[0].Siblings.ToString()));
    }

    [Fact]
    public void Without_sysfs_the_cpus_come_from_proc_cpuinfo_with_a_note()
    {
        var notes = new HostNotes();
        var cpus = CpuInventoryProbe.Read(HostFixtures.Root(HostFixtures.Container), notes);

        Assert.Equal("0-3", cpus.Online.ToString());
        Assert.Contains(notes.ToImmutable(), n => n.Kind == HostNoteKind.Substituted && n.Source == CpuInventoryProbe.CpuDir);
    }

    [Fact]
    public void An_empty_root_has_no_cpus_and_does_not_throw()
    {
        using var tree = new TempTree();
        Assert.True(CpuInventoryProbe.Read(tree.Root, new HostNotes()).IsEmpty);
    }
}
