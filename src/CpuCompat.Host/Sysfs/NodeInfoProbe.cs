namespace CpuCompat.Host.Sysfs;

/// <summary>Computes <see cref="NodeInfo"/> from sysfs the way libvirt does.</summary>
public static class NodeInfoProbe
{
    public static NodeInfo Compute(HostRoot root, CpuInventory cpus)
    {
        if (cpus.IsEmpty)
        {
            return NodeInfo.Unknown;
        }

        int total = 0, nodes = 0, sockets = 0, cores = 0, threads = 0, offline = 0;
        foreach (var node in NumaProbe.NodeIds(root))
        {
            nodes++;
            var members = CpuInventoryProbe.ReadList(root, $"{NumaProbe.NodeDir}/node{node}/cpulist", null) ?? CpuSet.Empty;
            var (n, s, c, t, o) = Count(cpus, members);
            total += n;
            offline += o;
            (sockets, cores, threads) = (Math.Max(sockets, s), Math.Max(cores, c), Math.Max(threads, t));
        }

        if (total == 0 || nodes == 0)
        {
            // No NUMA information: count every present CPU as one node, as libvirt's fallback does.
            offline = 0;
            (total, sockets, cores, threads, offline) = Count(cpus, cpus.Present);
            nodes = 1;
        }

        if (total == 0 || sockets == 0 || threads == 0)
        {
            return NodeInfo.Unknown;
        }

        // A topology that does not multiply out (AMD Bulldozer modules, hidden nodes) is replaced by a flat one.
        return (long)nodes * sockets * cores * threads != total + offline
            ? new NodeInfo(total, 1, 1, total + offline, 1, true)
            : new NodeInfo(total, nodes, sockets, cores, threads, false);
    }

    /// <summary>One node's online processors, sockets, largest per-socket core count, largest thread count, and offline CPUs.</summary>
    private static (int Cpus, int Sockets, int Cores, int Threads, int Offline) Count(CpuInventory cpus, CpuSet members)
    {
        var socketCores = new Dictionary<int, HashSet<int>>();
        int processors = 0, threads = 0, offline = 0;
        foreach (var id in members.Members)
        {
            if (cpus.Find(id) is not { } cpu)
            {
                continue;
            }

            if (!cpu.Online)
            {
                offline++;
                continue;
            }

            processors++;
            if (!socketCores.TryGetValue(cpu.SocketId, out var coreIds))
            {
                socketCores[cpu.SocketId] = coreIds = [];
            }

            coreIds.Add(cpu.CoreId);
            threads = Math.Max(threads, cpu.Siblings.Count);
        }

        var cores = socketCores.Count == 0 ? 0 : socketCores.Values.Max(c => c.Count);
        return (processors, socketCores.Count, cores, threads, offline);
    }
}
