using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// The <c>&lt;cpu&gt;</c> part of domain capabilities from the CPU data a hypervisor can give guests, without a QEMU to
/// ask: the host-model is libvirt's guest decode of the data (what its QEMU driver falls back to when QEMU cannot
/// describe the host), and a custom model is usable when the data has all of its features (QEMU's test under KVM),
/// otherwise the missing features are its blockers.
/// </summary>
public static class DomainCpuBuilder
{
    public static Outcome<DomainCpuCapabilities> Build(CpuEngine engine, CpuData data, bool kvm)
    {
        var support = engine.ModelSupport(data);
        if (!support.Succeeded)
        {
            return support.Error;
        }

        var hostModel = engine.HostModel(data, AllowedModels(support.Value));
        var physBits = data[DataKey.Cpuid(0x80000008)].Eax & 0xFF;
        return new DomainCpuCapabilities(
            HostPassthrough: kvm,
            Maximum: true,
            HostModel: hostModel.Succeeded ? hostModel.Value : null,
            PhysAddrBits: physBits == 0 ? null : physBits,
            Models: [.. support.Value.Select(s => new DomainCpuModel(s.Model.Name, s.Vendor, s.Usable, s.Model.CanonicalName, s.Blockers))]);
    }

    /// <summary>The allowed-models list a hypervisor with these capabilities gives libvirt: every model, with its blockers.</summary>
    public static AllowedModels AllowedModels(DomainCpuCapabilities capabilities) =>
        new(capabilities.Models.Select(m => new AllowedModel(m.Name, m.Usable ? ModelUsability.Yes : ModelUsability.No, m.Blockers)));

    private static AllowedModels AllowedModels(IEnumerable<ModelSupport> support) =>
        new(support.Select(s => new AllowedModel(s.Model.Name, s.Usable ? ModelUsability.Yes : ModelUsability.No, s.Blockers)));
}
