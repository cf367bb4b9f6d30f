using CpuCompat.Core.Cpu;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Host.Topology;

/// <summary>
/// The host's CPU topology as a guest sees it through pinning: sockets × dies per socket × clusters per die × cores per
/// cluster × threads per core (each the largest count found), the present and online logical CPUs, the NUMA nodes and
/// KVM's vCPU limit (live root only). <see cref="Uniform"/> is false when the product is not the online count (hybrid
/// processors, CPUs taken offline).
/// </summary>
public sealed record HostTopology(
    int Sockets,
    int DiesPerSocket,
    int ClustersPerDie,
    int CoresPerCluster,
    int ThreadsPerCore,
    int LogicalCpus,
    CpuSet Online,
    int NumaNodes,
    int? KvmMaxVcpus)
{
    public static HostTopology Unknown { get; } = new(0, 0, 0, 0, 0, 0, CpuSet.Empty, 0, null);

    public long Product => (long)Sockets * DiesPerSocket * ClustersPerDie * CoresPerCluster * ThreadsPerCore;

    public int OnlineCpus => Online.Count;

    public bool Uniform => Product == OnlineCpus;

    public bool IsKnown => OnlineCpus > 0;

    /// <summary>The counts as a Core topology (for comparing with a guest's).</summary>
    public CpuTopology AsCpuTopology() =>
        new((uint)Sockets, (uint)DiesPerSocket, (uint)ClustersPerDie, (uint)CoresPerCluster, (uint)ThreadsPerCore);
}
