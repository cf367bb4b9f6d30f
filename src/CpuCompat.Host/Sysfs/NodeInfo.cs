namespace CpuCompat.Host.Sysfs;

/// <summary>
/// libvirt's <c>virNodeInfo</c> topology summary (<c>virHostCPUGetInfoPopulateLinux</c>): online CPUs, NUMA nodes, and
/// the largest socket, core and thread counts seen in any node. When nodes × sockets × cores × threads does not
/// equal the CPUs (online + offline), libvirt reports 1 node, 1 socket, all CPUs as cores and 1 thread, and so does
/// this. The host <c>&lt;cpu&gt;&lt;topology&gt;</c> of the capabilities comes from here, with <c>dies='1'</c>.
/// </summary>
public sealed record NodeInfo(int Cpus, int Nodes, int Sockets, int Cores, int Threads, bool Faked)
{
    public static NodeInfo Unknown { get; } = new(0, 0, 0, 0, 0, true);

    public bool IsKnown => Cpus > 0 && Sockets > 0 && Threads > 0;
}
