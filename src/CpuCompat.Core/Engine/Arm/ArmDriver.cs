using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Engine.Arm;

/// <summary>
/// The ARM driver: only feature validation against the map's ARM feature names (semantics §8.8), which is all
/// libvirt's CPU tests exercise; the other operations report that they are not supported.
/// </summary>
public sealed class ArmDriver(ArchDatabase database) : ICpuDriver
{
    public ArchFamily Family => ArchFamily.Arm;

    public Outcome<Unit> ValidateFeatures(CpuDefinition cpu)
    {
        foreach (var f in cpu.Features)
        {
            if (database.FindFeature(f.Name) is null)
            {
                return Errors.UnknownName($"unknown CPU feature '{f.Name}'{NameSuggester.Hint(f.Name, database.FeatureNames)}");
            }
        }

        return default(Unit);
    }

    public Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible) => NotSupported("comparing CPUs");

    public Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable) =>
        NotSupported("computing a baseline");

    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy) => NotSupported("updating a guest CPU");

    public Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed) => NotSupported("translating a CPU model");

    public Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu) => NotSupported("expanding CPU features");

    public CpuDefinition CopyMigratable(CpuDefinition cpu) => cpu;

    public Outcome<bool> HasFeature(CpuDefinition cpu, string feature) => NotSupported("checking CPU features");

    public CpuDefinition ConvertLegacy(CpuDefinition cpu) => cpu;

    private static CpuError NotSupported(string what) => Errors.Unsupported($"{what} is not supported for ARM CPUs");
}
