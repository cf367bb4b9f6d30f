using System.Collections.Frozen;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Libvirt.Qemu;

/// <summary>
/// The x86 features libvirt's QEMU driver takes out of a guest CPU before it starts QEMU: QEMU has no property for
/// some of them (cache and memory-bandwidth monitoring), and the others (OSXSAVE, OSPKE) mirror a control register
/// of the guest, so KVM never offers them. A guest libvirt starts therefore never has them, whatever its
/// <c>&lt;cpu&gt;</c> says; a system that hands a CPU to QEMU itself must leave them out to get the same guest.
/// </summary>
public static class QemuDroppedFeatures
{
    private static readonly FrozenSet<string> Libvirt9 = FrozenSet.Create(StringComparer.Ordinal,
        "cmt", "mbm_total", "mbm_local", "osxsave", "ospke");

    // libvirt 10/11 also drops the EPT memory types and single-context INVVPID, VMX capabilities QEMU cannot set.
    private static readonly FrozenSet<string> Libvirt11 = FrozenSet.Create(StringComparer.Ordinal,
        [.. Libvirt9, "vmx-ept-uc", "vmx-ept-wb", "vmx-invvpid-single-context"]);

    /// <summary>Whether libvirt of <paramref name="generation"/> drops x86 feature <paramref name="name"/> before talking to QEMU.</summary>
    public static bool Contains(string name, LibvirtGeneration generation) =>
        (generation >= LibvirtGeneration.Libvirt11 ? Libvirt11 : Libvirt9).Contains(name);
}
