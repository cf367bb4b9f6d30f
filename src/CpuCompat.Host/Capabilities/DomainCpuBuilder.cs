using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// The <c>&lt;cpu&gt;</c> part of domain capabilities from a host's CPUID data, without a QEMU to ask: the host-model
/// is libvirt's migratable guest decode of the data (what its QEMU driver falls back to when QEMU cannot describe the
/// host), and a custom model is usable when the host has all of its features (QEMU's test under KVM), otherwise the
/// missing features are its blockers.
/// </summary>
public static class DomainCpuBuilder
{
    public static DomainCpuCapabilities Build(X86Driver x86, CpuData data, bool kvm)
    {
        var input = X86Input.FromData(x86.Database, data);
        var support = x86.ModelSupport(input);
        var allowed = new AllowedModels(support.Select(s => new AllowedModel(s.Model.Name, s.Usable ? ModelUsability.Yes : ModelUsability.No, s.Blockers)));
        var hostModel = x86.HostModel(input, allowed);
        var physBits = data[DataKey.Cpuid(0x80000008)].Eax & 0xFF;
        return new DomainCpuCapabilities(
            HostPassthrough: kvm,
            Maximum: true,
            HostModel: hostModel.Succeeded ? hostModel.Value : null,
            PhysAddrBits: physBits == 0 ? null : physBits,
            Models: [.. support.Select(s => new DomainCpuModel(s.Model.Name, s.Vendor, s.Usable, s.Model.CanonicalName, s.Blockers))]);
    }

    /// <summary>The allowed-models list a hypervisor on this host would give libvirt: every model, with its blockers.</summary>
    public static AllowedModels AllowedModels(DomainCpuCapabilities capabilities) =>
        new(capabilities.Models.Select(m => new AllowedModel(m.Name, m.Usable ? ModelUsability.Yes : ModelUsability.No, m.Blockers)));
}
