using CpuCompat.Core.Cpu;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Topology;

/// <summary>
/// What a guest asks for: its <c>&lt;cpu&gt;&lt;topology&gt;</c> (null when it has none) and its <c>&lt;vcpu&gt;</c>
/// count (the maximum; null for a bare <c>&lt;cpu&gt;</c>). <see cref="Source"/> names it in reports.
/// </summary>
public sealed record GuestTopologyRequest(CpuTopology? Topology, int? Vcpus, string Source)
{
    /// <summary>The vCPUs the guest gets: the <c>&lt;vcpu&gt;</c> count, else the topology's product.</summary>
    public long TotalVcpus => Vcpus ?? (long)(Topology?.LogicalCpus ?? 1);
}
