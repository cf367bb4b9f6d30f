using CpuCompat.Formats.Detection;

namespace CpuCompat.Formats.Diagnostics;

/// <summary>
/// Stable codes of the auto-detected input formats (CC45xx): 450x detection and shared problems, 451x raw CPUID
/// dumps, 452x /proc/cpuinfo, 453x QEMU replies, 454x libvirt XML kinds. Never reuse a code.
/// </summary>
public static class FormatCodes
{
    // Detection and problems every format shares.
    public const string UnknownFormat = "CC4500";
    public const string EmptyInput = "CC4501";
    public const string FormatMismatch = "CC4502";
    public const string NoX86Database = "CC4503";

    // Raw CPUID dumps (AIDA64, libcpuid, cpuid tool).
    public const string MalformedLine = "CC4510";
    public const string NoCpuidData = "CC4511";
    public const string ConflictingDuplicate = "CC4512";
    public const string SubleavesInferred = "CC4513";
    public const string PaddingDropped = "CC4514";
    public const string UnknownArray = "CC4515";
    public const string OtherCpusIgnored = "CC4516";
    public const string UnrecognizedLine = "CC4517";
    public const string NoLeafZero = "CC4518";
    public const string DumpCaveat = "CC4519";

    // /proc/cpuinfo.
    public const string NoProcessorBlock = "CC4520";
    public const string MissingCpuinfoField = "CC4521";
    public const string InvalidCpuinfoNumber = "CC4522";
    public const string UnmappedFlag = "CC4523";
    public const string DerivedFlag = "CC4524";
    public const string HiddenBits = "CC4525";
    public const string UnknownVendorString = "CC4526";
    public const string IgnoredCpuinfoLine = "CC4527";

    // QEMU replies.
    public const string NoModelExpansion = "CC4530";
    public const string NoModelDefinitions = "CC4531";

    // libvirt XML kinds.
    public const string WrongXmlRoot = "CC4540";
}
