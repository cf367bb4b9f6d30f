namespace CpuCompat.Host.Sysfs;

/// <summary>
/// One logical CPU as sysfs describes it (<c>/sys/devices/system/cpu/cpuN/topology</c>), with libvirt's defaults for
/// what is missing: socket, die and cluster 0 when the file is absent or says -1 (the architecture has no such
/// level), core 0, and the CPU alone as its own thread sibling.
/// </summary>
public sealed record LogicalCpu(int Id, bool Online, int SocketId, int DieId, int ClusterId, int CoreId, CpuSet Siblings)
{
    /// <summary>The CPUs sharing this one's core (<c>core_cpus_list</c>, else the thread siblings).</summary>
    public CpuSet CoreCpus { get; init; } = Siblings;
}
