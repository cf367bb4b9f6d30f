using System.Collections.Immutable;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers;

/// <summary>
/// One architecture's CPU algorithms (libvirt's per-architecture driver). <see cref="CpuEngine"/> does the generic
/// part and dispatches here; an operation a driver lacks answers with a <see cref="CpuErrorKind.Unsupported"/> error.
/// </summary>
/// <remarks>
/// The operations on raw CPU data (<see cref="Decode"/> and the ones after it) exist only where a CPU describes itself
/// by CPUID leaves and MSRs, i.e. on x86; the other drivers keep the default answer, "unsupported".
/// </remarks>
public interface ICpuDriver
{
    ArchFamily Family { get; }

    /// <summary>
    /// Compare a CPU with the host CPU: identical, a subset of the host (superset verdict), or incompatible with the
    /// features at fault. With <paramref name="failIncompatible"/> an incompatible verdict is an error instead.
    /// </summary>
    Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible);

    /// <summary>
    /// The baseline of the CPUs: the most capable guest CPU all of them run. The generic checks have been done.
    /// <paramref name="preferred"/> replaces the models the decode prefers (by default the inputs' models, in order).
    /// </summary>
    Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable, IReadOnlyList<string>? preferred = null);

    /// <summary>
    /// Update a guest CPU against the host CPU; <paramref name="relative"/> (from the generic part) says whether the
    /// guest is resolved relative to the host (host-model, minimum match, optional features).
    /// </summary>
    Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy);

    /// <summary>Translate a custom CPU whose model the hypervisor lacks to one of the allowed models.</summary>
    Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed);

    /// <summary>List every feature the model implies, before the generic sort by name.</summary>
    Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu);

    /// <summary>A copy without the features that block migration.</summary>
    CpuDefinition CopyMigratable(CpuDefinition cpu);

    /// <summary>Whether the CPU provides a feature (its model's or its own, not disabled).</summary>
    Outcome<bool> HasFeature(CpuDefinition cpu, string feature);

    /// <summary>Every feature name the definition uses is known to the architecture.</summary>
    Outcome<Unit> ValidateFeatures(CpuDefinition cpu);

    /// <summary>Rewrite legacy model names (only ppc64 has any).</summary>
    CpuDefinition ConvertLegacy(CpuDefinition cpu);

    /// <summary>
    /// The features a definition stands for: its model's and its own required and forced ones, minus disabled and
    /// forbidden ones (libvirt's encoding of a CPU under all policies).
    /// </summary>
    Outcome<Features.FeatureSet> FeaturesOf(CpuDefinition cpu) => Errors.Unsupported($"cannot list the features of {ArchNames.DslName(Family)} CPUs");

    /// <summary>Choose a model for raw CPU data: the host CPU libvirt reports, or the guest CPU of a host-model guest.</summary>
    Outcome<CpuDefinition> Decode(DecodeRequest request) => RawDataUnsupported("decode raw CPU data");

    /// <summary>The map features raw data offers a guest after the database's quirk rules, in map order.</summary>
    Outcome<ImmutableArray<string>> OfferedFeatures(CpuData data, bool migratableOnly) => RawDataUnsupported("list the features of raw CPU data");

    /// <summary>For every model, in map order, whether the data has all its features, and which it lacks.</summary>
    Outcome<ImmutableArray<ModelSupport>> ModelSupport(CpuData data) => RawDataUnsupported("tell which models raw CPU data can run");

    /// <summary>
    /// The host-model CPU of domain capabilities: the guest decode of what a hypervisor can give a guest among the
    /// models it reports (<paramref name="allowed"/>; by default the usable-or-blocked models of <see cref="ModelSupport"/>),
    /// without the features it cannot give one.
    /// </summary>
    Outcome<CpuDefinition> HostModel(CpuData data, AllowedModels? allowed, bool migratable) => RawDataUnsupported("compute a host-model CPU");

    /// <summary>Whether raw data has a feature (a map feature or one the driver knows by name); unknown names are an error.</summary>
    Outcome<bool> HasFeature(CpuData data, string feature) => RawDataUnsupported("check features of raw CPU data");

    /// <summary>Raw data from a hypervisor's property list: the enabled feature names, a vendor string, a signature.</summary>
    Outcome<CpuData> DataFromProperties(IEnumerable<string> enabledFeatures, string? vendorString, CpuSignature? signature) =>
        RawDataUnsupported("build CPU data from hypervisor properties");

    /// <summary>
    /// After a guest started, make its definition say what the hypervisor really enabled and disabled; null when that
    /// does not apply to the definition.
    /// </summary>
    Outcome<CpuDefinition?> UpdateLive(CpuDefinition cpu, CpuData? enabled, CpuData? disabled) => RawDataUnsupported("update a running guest's CPU");

    /// <summary>The CPUID bits of a hypervisor feature the driver knows by name without a map entry, or null.</summary>
    DataSlot? FindHypervisorFeature(string name) => null;

    private CpuError RawDataUnsupported(string what) =>
        Errors.Unsupported($"cannot {what} of architecture {ArchNames.DslName(Family)}: only x86 CPUs describe themselves by CPUID data");
}
