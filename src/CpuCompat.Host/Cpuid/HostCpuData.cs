using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Cpuid;

/// <summary>
/// The raw CPU data libvirt collects on a real host: the CPUID enumeration, then the MSRs of the
/// database's MSR features — libvirt 9.x reads only IA32_ARCH_CAPABILITIES (0x10a) and only when the
/// <c>arch-capabilities</c> CPUID bit is set, 11.x every MSR index a map feature uses.
/// </summary>
public static class HostCpuData
{
    /// <summary>IA32_ARCH_CAPABILITIES, the one MSR libvirt 9.x reads.</summary>
    public const uint ArchCapabilitiesMsr = 0x10a;

    public static CpuData Read(ICpuidSource cpuid, IMsrSource msrs, ArchDatabase? database, LibvirtGeneration generation)
    {
        var data = CpuidEnumerator.Enumerate(cpuid);
        if (database is null || data.IsEmpty)
        {
            return data;
        }

        foreach (var index in MsrIndices(database, data, generation))
        {
            if (msrs.Read(index) is { } value && value != 0)
            {
                data = data.With(DataKey.Msr(index), new Registers((uint)value, 0, 0, (uint)(value >> 32)));
            }
        }

        return data;
    }

    /// <summary>The MSR indices libvirt of <paramref name="generation"/> reads for this data, ascending.</summary>
    public static IReadOnlyList<uint> MsrIndices(ArchDatabase database, CpuData data, LibvirtGeneration generation)
    {
        if (generation >= LibvirtGeneration.Libvirt11)
        {
            return [.. database.Features
                .SelectMany(f => f.Bits)
                .Where(b => b.Key.Kind == DataKind.Msr)
                .Select(b => b.Key.Leaf)
                .Distinct()
                .Order()];
        }

        var archCapabilities = database.FindFeature("arch-capabilities");
        var announced = archCapabilities is not null && archCapabilities.Bits.All(b => data[b.Key].Contains(b.Registers));
        return announced ? [ArchCapabilitiesMsr] : [];
    }
}
