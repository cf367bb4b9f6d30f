using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Engine;

/// <summary>
/// One architecture's CPU algorithms (libvirt's per-arch driver). <see cref="CpuEngine"/> does the generic part
/// and dispatches here; an operation a driver lacks answers with a <see cref="CpuErrorKind.Unsupported"/> error.
/// </summary>
public interface ICpuDriver
{
    ArchFamily Family { get; }

    /// <summary>Compare a CPU with the host CPU (semantics §5, §9.2).</summary>
    Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible);

    /// <summary>The baseline of the CPUs (semantics §7, §9.3); the generic checks have been done.</summary>
    Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable);

    /// <summary>Update a guest CPU against the host CPU (semantics §8.1, §9.4). <paramref name="relative"/> comes from the generic part.</summary>
    Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy);

    /// <summary>Translate a custom CPU whose model the hypervisor lacks to an allowed model (semantics §8.2).</summary>
    Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed);

    /// <summary>List every feature the model implies (semantics §8.4), before the generic sort by name.</summary>
    Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu);

    /// <summary>A copy without non-migratable features (semantics §8.5).</summary>
    CpuDefinition CopyMigratable(CpuDefinition cpu);

    /// <summary>Whether the CPU provides a feature (semantics §8.3).</summary>
    Outcome<bool> HasFeature(CpuDefinition cpu, string feature);

    /// <summary>Every feature name is known (semantics §8.8).</summary>
    Outcome<Unit> ValidateFeatures(CpuDefinition cpu);

    /// <summary>Rewrite legacy model names (semantics §8.9; only ppc64 does anything).</summary>
    CpuDefinition ConvertLegacy(CpuDefinition cpu);
}
