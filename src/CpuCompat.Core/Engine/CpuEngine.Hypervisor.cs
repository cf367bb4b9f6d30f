using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Core.Engine;

/// <summary>
/// Answers with a hypervisor in the loop (<c>virsh hypervisor-cpu-baseline</c>): like the plain operations, but only
/// with the models the hypervisor can run and the features it can give a guest.
/// </summary>
public sealed partial class CpuEngine
{
    /// <summary>
    /// The baseline of <paramref name="cpus"/> restricted to what a hypervisor on a host with
    /// <paramref name="hypervisorData"/> offers: its models (blocked features become disabled) and its features.
    /// </summary>
    public Outcome<CpuDefinition> HypervisorBaseline(
        IReadOnlyList<CpuDefinition> cpus, CpuData hypervisorData, AllowedModels models, bool migratable = false, bool expandFeatures = false) =>
        OfferedFeatures(hypervisorData, migratable).Then(offered => Baseline(cpus, models, offered, migratable, expandFeatures));
}
