using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class NodeInfoTests
{
    private static NodeInfo Of(string fixture)
    {
        var root = HostFixtures.Root(fixture);
        return NodeInfoProbe.Compute(root, CpuInventoryProbe.Read(root, new HostNotes()));
    }

    [Fact]
    public void Sockets_are_counted_per_numa_node_as_libvirt_does() =>
        Assert.Equal(new NodeInfo(8, 2, 1, 2, 2, false), Of(HostFixtures.Intel));

    [Fact]
    public void One_node_hosts_count_all_sockets() =>
        Assert.Equal(new NodeInfo(8, 1, 1, 4, 2, false), Of(HostFixtures.Amd));

    [Fact]
    public void A_topology_that_does_not_multiply_out_is_flattened()
    {
        // Two CPUs that claim to be one core with 4 thread siblings: 1 × 1 × 1 × 4 ≠ 2.
        using var tree = new TempTree()
            .File("/sys/devices/system/cpu/present", "0-1\n")
            .File("/sys/devices/system/cpu/online", "0-1\n")
            .File("/sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "0-3\n")
            .File("/sys/devices/system/cpu/cpu1/topology/thread_siblings_list", "0-3\n");

        Assert.Equal(new NodeInfo(2, 1, 1, 2, 1, true), NodeInfoProbe.Compute(tree.Root, CpuInventoryProbe.Read(tree.Root, new HostNotes())));
    }
}
