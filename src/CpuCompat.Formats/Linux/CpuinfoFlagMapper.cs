using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Linux;

/// <summary>
/// Turns the <c>flags</c> of <c>/proc/cpuinfo</c> into feature bits, flag by flag: Linux-defined flags set nothing;
/// the speculation-control flags Linux synthesizes are traced back to the vendor's CPUID bit; every other flag is looked
/// up as a database feature name or alias (libvirt, Linux or QEMU spelling) and sets that feature's bits, the way
/// libvirt builds data from QEMU's property names.
/// </summary>
internal static class CpuinfoFlagMapper
{
    private const string Intel = "GenuineIntel";

    public static (List<DataSlot> Slots, List<CpuinfoFlag> Flags) Map(IReadOnlyList<string> flags, string? vendorString, uint? family, ArchDatabase db)
    {
        var present = new HashSet<string>(flags, StringComparer.Ordinal);
        var amdLike = vendorString is "AuthenticAMD" or "HygonGenuine";
        var slots = new List<DataSlot>();
        var result = new List<CpuinfoFlag>();
        foreach (var flag in flags)
        {
            var mapped = Classify(flag, present, vendorString, amdLike, family, db);
            if (mapped.Feature is { } name && db.FindFeature(name) is { } feature)
            {
                slots.AddRange(feature.Bits);
            }

            result.Add(mapped);
        }

        return (slots, result);
    }

    private static CpuinfoFlag Classify(string flag, HashSet<string> present, string? vendor, bool amdLike, uint? family, ArchDatabase db)
    {
        if (LinuxFlags.SpeculationControl.Contains(flag))
        {
            return SpeculationControl(flag, present, vendor, amdLike, family, db);
        }

        // Linux prints "vnmi" for the VMX capability on Intel (from MSRs) and for the SVM bit on AMD (CPUID 0x8000000A).
        if (flag == "vnmi" && !amdLike)
        {
            return new CpuinfoFlag(flag, CpuinfoFlagKind.Synthetic, null, "on this vendor it is a VMX capability Linux reads from MSRs");
        }

        if (LinuxFlags.Synthetic.TryGetValue(flag, out var why))
        {
            return new CpuinfoFlag(flag, CpuinfoFlagKind.Synthetic, null, why);
        }

        var feature = db.FindFeatureOrAlias(flag);
        return feature is null
            ? new CpuinfoFlag(flag, CpuinfoFlagKind.NotInDatabase, null, "no database feature has this name or alias (a bit libvirt does not model)")
            : new CpuinfoFlag(flag, CpuinfoFlagKind.Exact, feature.Name, feature.Name == flag ? "same name" : $"Linux spelling of '{feature.Name}'");
    }

    /// <summary>
    /// init_speculation_control (arch/x86/kernel/cpu/common.c): on Intel, CPUID 7.0 EDX bit 26 (spec-ctrl) sets both
    /// "ibrs" and "ibpb", bit 27 sets "stibp", bit 31 (or AMD's virt-ssbd) sets "ssbd"; on AMD and Hygon,
    /// CPUID 0x80000008 EBX bits 14, 12, 15 and 24 set "ibrs", "ibpb", "stibp" and "ssbd", except that families
    /// 0x15-0x17 get "ssbd" from an MSR (LS_CFG) instead. A hypervisor may mix the two, so this is inference.
    /// </summary>
    private static CpuinfoFlag SpeculationControl(string flag, HashSet<string> present, string? vendor, bool amdLike, uint? family, ArchDatabase db)
    {
        string? feature;
        string reason;
        if (vendor == Intel)
        {
            (feature, reason) = flag switch
            {
                "ibrs" or "ibpb" when present.Contains("ibrs") && present.Contains("ibpb") => ("spec-ctrl", "on Intel Linux prints ibrs and ibpb together for CPUID 7.0 EDX bit 26"),
                "stibp" => ("stibp", "on Intel Linux prints it for CPUID 7.0 EDX bit 27"),
                "ssbd" when !present.Contains("virt_ssbd") => ("ssbd", "on Intel Linux prints it for CPUID 7.0 EDX bit 31"),
                _ => (null, "on Intel it does not come from one CPUID bit here"),
            };
        }
        else if (amdLike)
        {
            (feature, reason) = flag switch
            {
                "ibrs" => ("ibrs", "on AMD Linux prints it for CPUID 0x80000008 EBX bit 14"),
                "ibpb" => ("ibpb", "on AMD Linux prints it for CPUID 0x80000008 EBX bit 12"),
                "stibp" => ("amd-stibp", "on AMD Linux prints it for CPUID 0x80000008 EBX bit 15"),
                "ssbd" when !present.Contains("virt_ssbd") && family is not (>= 0x15 and <= 0x17) => ("amd-ssbd", "on AMD Linux prints it for CPUID 0x80000008 EBX bit 24"),
                _ => (null, "on AMD families 0x15-0x17 or with virt_ssbd Linux sets it from an MSR"),
            };
        }
        else
        {
            (feature, reason) = (null, "Linux synthesizes it from vendor-specific bits, and the vendor is neither Intel nor AMD");
        }

        if (feature is null)
        {
            return new CpuinfoFlag(flag, CpuinfoFlagKind.Synthetic, null, reason);
        }

        return db.FindFeature(feature) is null
            ? new CpuinfoFlag(flag, CpuinfoFlagKind.NotInDatabase, null, $"the database has no feature '{feature}'")
            : new CpuinfoFlag(flag, CpuinfoFlagKind.Derived, feature, reason);
    }
}
