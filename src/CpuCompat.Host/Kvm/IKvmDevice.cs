using CpuCompat.Core.Cpu;

namespace CpuCompat.Host.Kvm;

/// <summary>
/// The questions libvirt asks <c>/dev/kvm</c> through ioctls: the TSC frequency a vCPU gets and whether KVM can scale
/// it, feature MSRs (when <c>/dev/cpu/0/msr</c> cannot be read), and the most vCPUs a guest may have. Only the live
/// root has a device; probes of any other root get none and leave these values out.
/// </summary>
public interface IKvmDevice
{
    /// <summary>
    /// libvirt's TSC probe: create a VM and a vCPU, ask <c>KVM_GET_TSC_KHZ</c>, and <c>KVM_CAP_TSC_CONTROL</c> for
    /// scaling. Null with a reason when any step fails.
    /// </summary>
    TscCounter? GetTscInfo(out string? failure);

    /// <summary>A feature MSR through <c>KVM_GET_MSRS</c> on the system descriptor; null when KVM does not expose it.</summary>
    ulong? ReadFeatureMsr(uint index);

    /// <summary>
    /// <c>KVM_GET_SUPPORTED_CPUID</c>: the CPUID leaves and bits KVM can give a guest on this host (what QEMU's
    /// <c>host</c> model is built from). Null with a reason when it cannot be asked.
    /// </summary>
    CpuData? GetSupportedCpuid(out string? failure);

    /// <summary><c>KVM_CAP_MAX_VCPUS</c>, else <c>KVM_CAP_NR_VCPUS</c>, else 4 (the kernel's documented default); null when unusable.</summary>
    int? MaxVcpus();
}
