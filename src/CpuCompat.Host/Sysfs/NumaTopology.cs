using System.Collections.Immutable;

namespace CpuCompat.Host.Sysfs;

/// <summary>A pool of pages of one size: how many there are (<c>nr_hugepages</c>, or base pages left) and how many are free.</summary>
public sealed record PageCount(uint SizeKiB, ulong Count, ulong? Free);

/// <summary>The distance from a cell to a node (<c>/sys/devices/system/node/nodeN/distance</c>); 10 is local.</summary>
public sealed record NumaDistance(int NodeId, int Value);

/// <summary>A NUMA cell: its id, memory in KiB (0 when unknown), page pools, distances and CPUs (with topology ids).</summary>
public sealed record NumaCell(int Id, ulong MemoryKiB, ImmutableArray<PageCount> Pages, ImmutableArray<NumaDistance> Distances, ImmutableArray<LogicalCpu> Cpus);

/// <summary>
/// The host's NUMA cells as libvirt reports them in <c>&lt;topology&gt;</c>. <see cref="Faked"/> marks libvirt's single
/// made-up cell for hosts without NUMA information (built from the node info, with sequential CPU ids).
/// </summary>
public sealed record NumaTopology(ImmutableArray<NumaCell> Cells, bool Faked)
{
    public static NumaTopology None { get; } = new([], true);
}
