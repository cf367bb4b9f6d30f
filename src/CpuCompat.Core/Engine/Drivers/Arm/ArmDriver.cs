using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Engine.Drivers.Arm;

/// <summary>
/// libvirt's ARM driver: features are names only, so compare looks at vendor and model of host CPUs alone (a guest
/// CPU always compares identical), baseline keeps the first CPU's model, update gives a host-model guest the
/// host's model, and feature names are validated against the map.
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

    /// <summary>Only host CPUs are compared, by vendor and model; anything else is identical.</summary>
    public Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible)
    {
        if (cpu.Type != CpuType.Host)
        {
            return CompareOutcome.Identical;
        }

        if (host?.Model is null)
        {
            return failIncompatible ? Errors.Incompatible("unknown host CPU") : CompareOutcome.IncompatibleBecause("unknown host CPU");
        }

        if (host.Vendor != cpu.Vendor || host.Model != cpu.Model)
        {
            var reason = $"Host CPU model does not match required CPU vendor {cpu.Vendor ?? "(null)"} or(and) model {cpu.Model ?? "(null)"}";
            return failIncompatible ? Errors.Incompatible(reason) : CompareOutcome.IncompatibleBecause(reason);
        }

        return CompareOutcome.Identical;
    }

    public Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable, IReadOnlyList<string>? preferred = null) =>
        CpuDefinition.NewGuest() with { Model = cpus[0].Model, Match = CpuMatch.Exact };

    /// <summary>Only host-model guests change: they take the host's model, vendor and features (as required).</summary>
    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy)
    {
        if (!relative || guest.Mode != CpuMode.HostModel)
        {
            return guest;
        }

        if (host is null)
        {
            return Errors.Invalid("unknown host CPU model");
        }

        var features = host.Type == guest.Type
            ? host.Features
            : [.. host.Features.Select(f => f with { Policy = guest.Type == CpuType.Host ? null : f.Policy ?? FeaturePolicy.Require })];
        return guest with
        {
            Model = host.Model,
            Vendor = host.Vendor,
            VendorId = host.VendorId,
            Features = features,
            Microcode = host.Microcode,
            Mode = CpuMode.Custom,
            Match = CpuMatch.Exact,
        };
    }

    public Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed) =>
        Errors.Unsupported($"cannot translate CPU model {cpu.Model} to a supported model on ARM");

    /// <summary>libvirt's ARM driver has no expansion step; the generic layer only sorts the list.</summary>
    public Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu) => cpu;

    public CpuDefinition CopyMigratable(CpuDefinition cpu) => cpu;

    public Outcome<bool> HasFeature(CpuDefinition cpu, string feature) => Errors.Unsupported("checking CPU features is not supported for ARM CPUs");

    public CpuDefinition ConvertLegacy(CpuDefinition cpu) => cpu;
}
