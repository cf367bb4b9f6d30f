using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class NumaProbeTests
{
    private static NumaTopology Read(string fixture, HostNotes? notes = null)
    {
        var root = HostFixtures.Root(fixture);
        var cpus = CpuInventoryProbe.Read(root, new HostNotes());
        return NumaProbe.Read(root, cpus, NodeInfoProbe.Compute(root, cpus), 4, notes ?? new HostNotes());
    }

    [Fact]
    public void Cells_have_memory_pages_distances_and_cpus()
    {
        var numa = Read(HostFixtures.Intel);

        Assert.False(numa.Faked);
        Assert.Equal([0, 1], numa.Cells.Select(c => c.Id));
        var cell = numa.Cells[1];
        Assert.Equal(65536000ul, cell.MemoryKiB);
        Assert.Equal([new NumaDistance(0, 21), new NumaDistance(1, 10)], cell.Distances);
        Assert.Equal([2, 3, 6, 7], cell.Cpus.Select(c => c.Id));
    }

    [Fact]
    public void Base_pages_exclude_the_memory_held_by_huge_pages()
    {
        var pages = Read(HostFixtures.Intel).Cells[0].Pages;

        // (65536000 KiB − 512 × 2 MiB − 4 × 1 GiB) / 4 KiB.
        Assert.Equal(
            [new PageCount(4, 15_073_280, null), new PageCount(2048, 512, 500), new PageCount(1048576, 4, 4)],
            pages);
    }

    [Fact]
    public void Without_nodes_libvirts_single_cell_is_made_up_with_a_note()
    {
        var notes = new HostNotes();
        var numa = Read(HostFixtures.Container, notes);

        Assert.True(numa.Faked);
        var cell = Assert.Single(numa.Cells);
        Assert.Equal((0, 8_000_000ul, 4), (cell.Id, cell.MemoryKiB, cell.Cpus.Length));
        Assert.Empty(cell.Pages);
        Assert.Contains(notes.ToImmutable(), n => n.Source == NumaProbe.NodeDir && n.Kind == HostNoteKind.Substituted);
    }

    [Fact]
    public void MemInfo_values_are_found_in_system_and_node_formats()
    {
        Assert.Equal(5728460ul, NumaProbe.MemInfoValue("Node 0 MemTotal:        5728460 kB\n", "MemTotal"));
        Assert.Equal(2048000ul, NumaProbe.MemInfoValue("MemTotal: 1 kB\nActive(anon):     2048000 kB\n", "Active(anon)"));
        Assert.Null(NumaProbe.MemInfoValue("MemFree: 1 kB\n", "MemTotal"));
    }
}
