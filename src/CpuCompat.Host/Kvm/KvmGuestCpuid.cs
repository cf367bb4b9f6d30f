using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Kvm;

/// <summary>
/// The CPU a KVM guest can be given on this host: KVM's supported CPUID (what QEMU's <c>host</c> model and its model
/// usability checks are built from) with the host's own identity — vendor string, signature, physical address
/// width — which KVM does not report, and the feature MSRs KVM exposes.
/// </summary>
public static class KvmGuestCpuid
{
    public static CpuData? Read(IKvmDevice kvm, CpuData host, ArchDatabase? database, out string? failure)
    {
        if (kvm.GetSupportedCpuid(out failure) is not { } supported)
        {
            return null;
        }

        var slots = supported.Slots.Where(s => s.Key != DataKey.Cpuid(0)).ToList();
        slots.Add(new DataSlot(DataKey.Cpuid(0), host[DataKey.Cpuid(0)]));
        var leaf1 = supported[DataKey.Cpuid(1)];
        slots.RemoveAll(s => s.Key == DataKey.Cpuid(1));
        slots.Add(new DataSlot(DataKey.Cpuid(1), leaf1 with { Eax = host[DataKey.Cpuid(1)].Eax }));
        var data = CpuData.From(slots);
        foreach (var index in database?.Features.SelectMany(f => f.Bits).Where(b => b.Key.Kind == DataKind.Msr).Select(b => b.Key.Leaf).Distinct() ?? [])
        {
            if (kvm.ReadFeatureMsr(index) is { } value && value != 0)
            {
                data = data.With(DataKey.Msr(index), new Registers((uint)value, 0, 0, (uint)(value >> 32)));
            }
        }

        return data;
    }
}
