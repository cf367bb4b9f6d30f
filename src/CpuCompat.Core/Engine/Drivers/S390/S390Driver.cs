using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Engine.Drivers.S390;

/// <summary>
/// libvirt's s390 driver: QEMU checks whether a CPU runs, so compare always says identical; a host-model guest
/// becomes the host's model with its own features applied on top; optional features and minimum match are refused;
/// there is no baseline. No map is involved.
/// </summary>
public sealed class S390Driver : ICpuDriver
{
    public ArchFamily Family => ArchFamily.S390;

    public Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible) => CompareOutcome.Identical;

    public Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable, IReadOnlyList<string>? preferred = null) =>
        Errors.Unsupported("cannot compute the baseline of s390 CPUs: QEMU does it");

    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy)
    {
        if (!relative)
        {
            return guest;
        }

        if (guest.Mode == CpuMode.Custom)
        {
            return Errors.Unsupported(guest.Match == CpuMatch.Minimum
                ? "match mode minimum is not supported for s390 CPUs"
                : "optional CPU features are not supported for s390 CPUs");
        }

        if (host is null)
        {
            return Errors.Invalid("unknown host CPU model");
        }

        var updated = CpuDefinition.NewGuest() with
        {
            Model = host.Model,
            Vendor = host.Vendor,
            VendorId = host.VendorId,
            Features = [.. host.Features.Select(f => f with { Policy = f.Policy ?? FeaturePolicy.Require })],
        };
        foreach (var f in guest.Features)
        {
            updated = updated.WithFeature(f.Name, f.Policy);
        }

        return guest with
        {
            Model = updated.Model,
            Vendor = updated.Vendor,
            VendorId = updated.VendorId,
            Features = updated.Features,
            Microcode = host.Microcode,
            Mode = CpuMode.Custom,
            Match = CpuMatch.Exact,
        };
    }

    public Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed) =>
        Errors.Unsupported($"cannot translate CPU model {cpu.Model} to a supported model on s390");

    public Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu) => cpu;

    public CpuDefinition CopyMigratable(CpuDefinition cpu) => cpu;

    public Outcome<bool> HasFeature(CpuDefinition cpu, string feature) => Errors.Unsupported("checking CPU features is not supported for s390 CPUs");

    /// <summary>Only <c>require</c> and <c>disable</c> policies: the names themselves are QEMU's to check.</summary>
    public Outcome<Unit> ValidateFeatures(CpuDefinition cpu)
    {
        foreach (var f in cpu.Features)
        {
            if (f.Policy == FeaturePolicy.Optional)
            {
                return Errors.Unsupported($"only cpu feature policies 'require' and 'disable' are supported for {f.Name}");
            }
        }

        return default(Unit);
    }

    public CpuDefinition ConvertLegacy(CpuDefinition cpu) => cpu;
}
