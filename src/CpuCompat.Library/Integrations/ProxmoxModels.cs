using System.Collections.Frozen;

namespace CpuCompat.Integrations;

/// <summary>
/// The QEMU models Proxmox VE takes as a custom model's <c>reported-model</c>: the enumeration of its CPU
/// configuration schema (qemu-server of Proxmox VE 8, which also knows GraniteRapids and EPYC-Genoa), without
/// <c>host</c> and <c>max</c>, which are no model a baseline can name. Proxmox refuses any other name.
/// </summary>
public static class ProxmoxModels
{
    public static FrozenSet<string> ReportedModels { get; } = FrozenSet.Create(StringComparer.Ordinal,
        // Intel
        "486", "pentium", "pentium2", "pentium3", "coreduo", "core2duo", "Conroe", "Penryn", "Nehalem", "Nehalem-IBRS",
        "Westmere", "Westmere-IBRS", "SandyBridge", "SandyBridge-IBRS", "IvyBridge", "IvyBridge-IBRS", "Haswell",
        "Haswell-IBRS", "Haswell-noTSX", "Haswell-noTSX-IBRS", "Broadwell", "Broadwell-IBRS", "Broadwell-noTSX",
        "Broadwell-noTSX-IBRS", "Skylake-Client", "Skylake-Client-IBRS", "Skylake-Client-noTSX-IBRS", "Skylake-Client-v4",
        "Skylake-Server", "Skylake-Server-IBRS", "Skylake-Server-noTSX-IBRS", "Skylake-Server-v4", "Skylake-Server-v5",
        "Cascadelake-Server", "Cascadelake-Server-v2", "Cascadelake-Server-noTSX", "Cascadelake-Server-v4",
        "Cascadelake-Server-v5", "Cooperlake", "Cooperlake-v2", "KnightsMill", "Icelake-Client", "Icelake-Client-noTSX",
        "Icelake-Server", "Icelake-Server-noTSX", "Icelake-Server-v3", "Icelake-Server-v4", "Icelake-Server-v5",
        "Icelake-Server-v6", "SapphireRapids", "SapphireRapids-v2", "GraniteRapids",
        // AMD
        "athlon", "phenom", "Opteron_G1", "Opteron_G2", "Opteron_G3", "Opteron_G4", "Opteron_G5", "EPYC", "EPYC-IBPB",
        "EPYC-v3", "EPYC-v4", "EPYC-Rome", "EPYC-Rome-v2", "EPYC-Rome-v3", "EPYC-Rome-v4", "EPYC-Milan", "EPYC-Milan-v2",
        "EPYC-Genoa",
        // Generic models, which report the vendor of the host
        "kvm32", "kvm64", "qemu32", "qemu64");
}
