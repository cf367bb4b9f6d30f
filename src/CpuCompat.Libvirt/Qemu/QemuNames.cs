using System.Collections.Frozen;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Libvirt.Qemu;

/// <summary>
/// The feature spellings libvirt translates when it talks to QEMU: QEMU property and
/// blocker names on one side, libvirt map names on the other. Names outside the table are the same in both.
/// </summary>
public static class QemuNames
{
    // (libvirt, QEMU) pairs both generations translate.
    private static readonly (string Libvirt, string Qemu)[] Common =
    [
        ("cmp_legacy", "cmp-legacy"),
        ("ds_cpl", "ds-cpl"),
        ("fxsr_opt", "fxsr-opt"),
        ("kvm_pv_eoi", "kvm-pv-eoi"),
        ("kvm_pv_unhalt", "kvm-pv-unhalt"),
        ("lahf_lm", "lahf-lm"),
        ("nodeid_msr", "nodeid-msr"),
        ("pclmuldq", "pclmulqdq"),
        ("perfctr_core", "perfctr-core"),
        ("perfctr_nb", "perfctr-nb"),
        ("tsc_adjust", "tsc-adjust"),
    ];

    // Added in libvirt 10/11.
    private static readonly (string Libvirt, string Qemu)[] Since11 =
    [
        ("vmx-invvpid-single-context-noglobals", "vmx-invept-single-context-noglobals"),
        ("hv-vendor_id", "hv-vendor-id"),
        ("hv-emsr_bitmap", "hv-emsr-bitmap"),
        ("hv-xmm_input", "hv-xmm-input"),
    ];

    private static readonly FrozenDictionary<string, string> ToLibvirt9 = Common.ToFrozenDictionary(p => p.Qemu, p => p.Libvirt, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, string> ToLibvirt11 = Common.Concat(Since11).ToFrozenDictionary(p => p.Qemu, p => p.Libvirt, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, string> ToQemu9 = Common.ToFrozenDictionary(p => p.Libvirt, p => p.Qemu, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, string> ToQemu11 = Common.Concat(Since11).ToFrozenDictionary(p => p.Libvirt, p => p.Qemu, StringComparer.Ordinal);

    /// <summary>The libvirt name of a QEMU feature name (the name itself when the table does not list it).</summary>
    public static string ToLibvirt(string qemuName, LibvirtGeneration generation = LibvirtGeneration.Libvirt11) =>
        (generation >= LibvirtGeneration.Libvirt11 ? ToLibvirt11 : ToLibvirt9).GetValueOrDefault(qemuName, qemuName);

    /// <summary>The QEMU name of a libvirt feature name (the name itself when the table does not list it).</summary>
    public static string ToQemu(string libvirtName, LibvirtGeneration generation = LibvirtGeneration.Libvirt11) =>
        (generation >= LibvirtGeneration.Libvirt11 ? ToQemu11 : ToQemu9).GetValueOrDefault(libvirtName, libvirtName);
}
