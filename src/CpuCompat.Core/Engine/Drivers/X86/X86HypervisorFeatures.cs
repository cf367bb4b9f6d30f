using System.Collections.Frozen;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>
/// The KVM and Hyper-V features libvirt's x86 driver knows by name although no cpu_map declares them. They only answer "is feature X present", "add feature X by name" (QEMU property lists) and
/// "is X an MSR feature"; decoding never produces them and CPU definitions may not use them.
/// </summary>
internal static class X86HypervisorFeatures
{
    private sealed record Entry(DataSlot Bits, LibvirtGeneration Since);

    private static readonly FrozenDictionary<string, Entry> Table = new Dictionary<string, Entry>
    {
        ["kvm_pv_unhalt"] = Eax(0x40000001, 0x00000080),
        ["hv-runtime"] = Eax(0x40000003, 0x00000001),
        ["hv-synic"] = Eax(0x40000003, 0x00000004),
        ["hv-stimer"] = Eax(0x40000003, 0x00000008),
        ["hv-relaxed"] = Eax(0x40000003, 0x00000020),
        ["hv-vapic"] = Eax(0x40000003, 0x00000030),
        ["hv-vpindex"] = Eax(0x40000003, 0x00000040),
        ["hv-reset"] = Eax(0x40000003, 0x00000080),
        ["hv-frequencies"] = Eax(0x40000003, 0x00000800),
        ["hv-reenlightenment"] = Eax(0x40000003, 0x00002000),
        ["hv-tlbflush"] = Eax(0x40000004, 0x00000004),
        ["hv-avic"] = Eax(0x40000004, 0x00000200),
        ["hv-ipi"] = Eax(0x40000004, 0x00000400),
        ["hv-evmcs"] = Eax(0x40000004, 0x00004000),
        ["hv-stimer-direct"] = Edx(0x40000003, 0x00080000),
        ["hv-xmm_input"] = Eax(0x40000003, 0x00000010, LibvirtGeneration.Libvirt11),
        ["hv-emsr_bitmap"] = Eax(0x4000000A, 0x00080000, LibvirtGeneration.Libvirt11),
        ["hv-tlbflush-direct"] = Edx(0x40000003, 0x00004000, LibvirtGeneration.Libvirt11),
        ["hv-tlbflush-ext"] = Edx(0x40000004, 0x00004000, LibvirtGeneration.Libvirt11),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The bits of internal feature <paramref name="name"/> in <paramref name="generation"/>, or null.</summary>
    public static DataSlot? Find(string name, LibvirtGeneration generation) =>
        Table.TryGetValue(name, out var e) && generation >= e.Since ? e.Bits : null;

    private static Entry Eax(uint leaf, uint mask, LibvirtGeneration since = LibvirtGeneration.Libvirt9) =>
        new(new DataSlot(DataKey.Cpuid(leaf), new Registers(mask, 0, 0, 0)), since);

    private static Entry Edx(uint leaf, uint mask, LibvirtGeneration since = LibvirtGeneration.Libvirt9) =>
        new(new DataSlot(DataKey.Cpuid(leaf), new Registers(0, 0, 0, mask)), since);
}
