using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Host.Topology;

/// <summary>Counts the levels of <see cref="HostTopology"/> from the online CPUs' sysfs topology ids.</summary>
public static class HostTopologyProbe
{
    /// <summary>x86 kernels write 65535 (a 16-bit -1) into cluster_id when they know no clusters.</summary>
    private const int NoCluster = 65535;

    public static HostTopology Read(HostEnvironment env, HostNotes notes)
    {
        var cpus = CpuInventoryProbe.Read(env.Root, notes);
        var online = cpus.Cpus.Where(c => c.Online).ToList();
        if (online.Count == 0)
        {
            notes.Unavailable(CpuInventoryProbe.CpuDir, "no online CPU is described, so the host topology is unknown");
            return HostTopology.Unknown;
        }

        var sockets = online.Select(c => c.SocketId).Distinct().Count();
        var dies = online.GroupBy(c => c.SocketId).Max(g => g.Select(c => c.DieId).Distinct().Count());
        var clusters = online.GroupBy(c => (c.SocketId, c.DieId)).Max(g => g.Select(c => ClusterOf(c)).Distinct().Count());
        var cores = online.GroupBy(c => (c.SocketId, c.DieId, ClusterOf(c))).Max(g => g.Select(c => c.CoreId).Distinct().Count());
        var threads = online.Max(c => c.Siblings.Count);
        var nodes = Math.Max(1, NumaProbe.NodeIds(env.Root).Count);
        var kvmMax = env.Kvm?.MaxVcpus();
        return new HostTopology(sockets, dies, clusters, cores, threads, cpus.Present.Count, cpus.Online, nodes, kvmMax);
    }

    private static int ClusterOf(LogicalCpu cpu) => cpu.ClusterId == NoCluster ? -1 : cpu.ClusterId;
}
