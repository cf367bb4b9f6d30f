using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>The x86 driver's error messages, worded after libvirt's, with a "did you mean" where it helps.</summary>
internal static class X86Messages
{
    public static CpuError UnknownModel(ArchDatabase db, string? name) =>
        string.IsNullOrEmpty(name)
            ? Errors.Invalid("the CPU names no model; this operation needs one")
            : Errors.UnknownName($"unknown CPU model '{name}'{NameSuggester.Hint(name, db.ModelNames)}");

    /// <summary>An unknown feature; when the name is another spelling of a feature (QEMU's, Linux's), says libvirt's.</summary>
    public static CpuError UnknownFeature(ArchDatabase db, string name) =>
        Errors.UnknownName(db.FindFeatureOrAlias(name) is { } known
            ? $"unknown CPU feature '{name}' — libvirt calls it '{known.Name}'"
            : $"unknown CPU feature '{name}'{NameSuggester.Hint(name, db.FeatureNames)}");

    public static CpuError UnknownVendor(ArchDatabase db, string name) =>
        Errors.UnknownName($"unknown CPU vendor '{name}'{NameSuggester.Hint(name, db.VendorNames)}");

    public static CpuError NoSuitableModel() => Errors.NoModel("cannot find suitable CPU model for given data");

    public static CpuError NotSupportedByHypervisor(string model) =>
        Errors.NoModel($"CPU model {model} is not supported by hypervisor");
}
