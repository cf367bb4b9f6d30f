using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Virtualization;

/// <summary>
/// A vendor-module parameter the readiness report checks: its report id and name, the file under
/// <c>/sys/module/&lt;module&gt;/parameters</c>, and whether it also needs processor support (APICv, AVIC, EPT…).
/// </summary>
public sealed record ModuleParameter(string Id, string Name, string Parameter, bool HardwareDependent)
{
    /// <summary>The parameters of <paramref name="module"/>, in report order; none for modules CpuCompat does not know.</summary>
    public static IReadOnlyList<ModuleParameter> For(string? module) => module switch
    {
        "kvm_intel" =>
        [
            new("nested", "nested virtualization", "nested", false),
            new("apicv", "APIC virtualization (APICv)", "enable_apicv", true),
            new("ept", "extended page tables (EPT)", "ept", true),
            new("shadow_vmcs", "shadow VMCS", "enable_shadow_vmcs", true),
        ],
        "kvm_amd" =>
        [
            new("nested", "nested virtualization", "nested", false),
            new("avic", "AVIC (AMD APIC virtualization)", "avic", true),
            new("npt", "nested page tables (NPT)", "npt", true),
        ],
        _ => [new("nested", "nested virtualization", "nested", false)],
    };
}
