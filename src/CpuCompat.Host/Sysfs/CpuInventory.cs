using System.Collections.Immutable;

namespace CpuCompat.Host.Sysfs;

/// <summary>The logical CPUs of a host: present and online sets, and each present CPU's topology ids.</summary>
public sealed record CpuInventory(CpuSet Present, CpuSet Online, ImmutableArray<LogicalCpu> Cpus)
{
    public static CpuInventory Empty { get; } = new(CpuSet.Empty, CpuSet.Empty, []);

    public bool IsEmpty => Cpus.IsEmpty;

    public LogicalCpu? Find(int id)
    {
        foreach (var cpu in Cpus)
        {
            if (cpu.Id == id)
            {
                return cpu;
            }
        }

        return null;
    }
}
