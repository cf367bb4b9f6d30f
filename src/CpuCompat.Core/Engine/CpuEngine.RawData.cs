using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Core.Engine;

/// <summary>
/// The operations on raw CPU data (CPUID leaves and MSRs): decoding it into the CPU libvirt reports, the host-model
/// and model usability of domain capabilities, and the hypervisor's own property lists. Raw data is x86 data unless
/// a family is named; every answer comes from that family's driver.
/// </summary>
public sealed partial class CpuEngine
{
    /// <summary>The host CPU libvirt reports for the data (<c>virsh capabilities</c>): a host decode over all models.</summary>
    public Outcome<CpuDefinition> DecodeHost(CpuData data, DecodeTrace? trace = null, ArchFamily family = ArchFamily.X86) =>
        Decode(new DecodeRequest(DecodeRequest.HostStub(ArchNames.DslName(family)), data) { Trace = trace }, family);

    /// <summary>
    /// The guest CPU a host-model guest gets on a host with this data (a guest decode, match exact, fallback forbid),
    /// optionally only among the models the hypervisor can run.
    /// </summary>
    public Outcome<CpuDefinition> DecodeGuest(CpuData data, AllowedModels? allowed = null, DecodeTrace? trace = null, ArchFamily family = ArchFamily.X86) =>
        Decode(new DecodeRequest(DecodeRequest.GuestStub(), data) { Allowed = allowed, Trace = trace }, family);

    /// <summary>A decode with every choice open: the stub, the allowed models, migratable, a trace.</summary>
    public Outcome<CpuDefinition> Decode(DecodeRequest request, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.Decode(request));

    /// <summary>The host-model CPU domain capabilities report for the data (see <see cref="ICpuDriver.HostModel"/>).</summary>
    public Outcome<CpuDefinition> HostModel(CpuData data, AllowedModels? allowed = null, bool migratable = false, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.HostModel(data, allowed, migratable));

    /// <summary>For every model of the database, whether a host with this data can run it, and what blocks it.</summary>
    public Outcome<ImmutableArray<ModelSupport>> ModelSupport(CpuData data, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.ModelSupport(data));

    /// <summary>The allowed-models list a hypervisor on a host with this data gives libvirt: every model, with its blockers.</summary>
    public Outcome<AllowedModels> HypervisorModels(CpuData data, ArchFamily family = ArchFamily.X86) =>
        ModelSupport(data, family).Select(support => new AllowedModels(support.Select(s =>
            new AllowedModel(s.Model.Name, s.Usable ? ModelUsability.Yes : ModelUsability.No, s.Blockers))));

    /// <summary>The map features the data offers a guest (after the quirk rules), optionally without non-migratable ones.</summary>
    public Outcome<ImmutableArray<string>> OfferedFeatures(CpuData data, bool migratableOnly = false, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.OfferedFeatures(data, migratableOnly));

    /// <summary>Whether the data has a feature, by its libvirt name (a map feature or a hypervisor feature).</summary>
    public Outcome<bool> HasFeature(CpuData data, string feature, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.HasFeature(data, feature));

    /// <summary>CPU data from a hypervisor's property list (QEMU's model expansion), names in libvirt's spelling.</summary>
    public Outcome<CpuData> DataFromProperties(IEnumerable<string> enabledFeatures, string? vendorString, CpuSignature? signature, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.DataFromProperties(enabledFeatures, vendorString, signature));

    /// <summary>A running guest's definition made to say what the hypervisor enabled and disabled (null: not applicable).</summary>
    public Outcome<CpuDefinition?> UpdateLive(CpuDefinition cpu, CpuData? enabled, CpuData? disabled, ArchFamily family = ArchFamily.X86) =>
        RawDataDriver(family).Then(d => d.UpdateLive(cpu, enabled, disabled));

    /// <summary>The CPUID bits of a KVM/Hyper-V feature the x86 driver knows by name without a map entry (<c>hv-synic</c>), or null.</summary>
    public DataSlot? FindHypervisorFeature(string name) => _x86 is { } x86 ? ((ICpuDriver)x86).FindHypervisorFeature(name) : null;

    private Outcome<ICpuDriver> RawDataDriver(ArchFamily family) => DriverFor(family) is { } driver
        ? Outcome<ICpuDriver>.From(driver)
        : Errors.Unsupported($"the database has no {ArchNames.DslName(family)} models, so it cannot decode such CPUs");
}
