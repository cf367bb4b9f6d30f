using System.Globalization;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;

namespace CpuCompat.Formats.Diagnostics;

/// <summary>One builder per <see cref="FormatCodes"/> code; messages are whole sentences that say what to do.</summary>
internal static class FormatDiagnostics
{
    private static Diagnostic Error(SourceSpan at, string code, string message) => new(at, DiagnosticSeverity.Error, code, message);

    private static Diagnostic Warning(SourceSpan at, string code, string message) => new(at, DiagnosticSeverity.Warning, code, message);

    private static Diagnostic Info(SourceSpan at, string code, string message) => new(at, DiagnosticSeverity.Info, code, message);

    public static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static Diagnostic UnknownFormat(SourceSpan at) => Error(at, FormatCodes.UnknownFormat,
        "The input format could not be recognized. Expected libvirt XML (<cpudata>, <cpu>, <capabilities>, <domain>, "
        + "<domainCapabilities>), `cpuid -r` output, an AIDA64/InstLatx64 CPUID dump, a libcpuid raw dump, /proc/cpuinfo "
        + $"or QEMU QMP replies; name the format with --input-format ({string.Join(", ", InputFormats.Names.Skip(1))}).");

    public static Diagnostic EmptyInput(SourceSpan at) => Error(at, FormatCodes.EmptyInput,
        "The input is empty; give a file with CPU data or CPU definitions.");

    public static Diagnostic FormatMismatch(SourceSpan at, InputFormat forced, InputFormat detected) => Warning(at, FormatCodes.FormatMismatch,
        $"The input was read as '{forced.NameOf()}' as requested, but its content looks like '{detected.NameOf()}'; "
        + "check --input-format.");

    public static Diagnostic NoX86Database(SourceSpan at, string what) => Error(at, FormatCodes.NoX86Database,
        $"Reading {what} needs the x86 feature database, and the database in use has no x86 section; use the built-in database or a cpu_map with x86 files.");

    public static Diagnostic MalformedLine(SourceSpan at, string format, string expected) => Error(at, FormatCodes.MalformedLine,
        $"This {format} line cannot be read; expected {expected}.");

    public static Diagnostic NoCpuidData(SourceSpan at, string format) => Error(at, FormatCodes.NoCpuidData,
        $"No CPUID register line was found in this {format} input; check that the file is a complete dump.");

    public static Diagnostic NoLeafZero(SourceSpan at) => Warning(at, FormatCodes.NoLeafZero,
        "The dump has no CPUID leaf 0, so the CPU vendor is unknown and vendor-specific models cannot be told apart.");

    public static Diagnostic DumpCaveat(SourceSpan at, string caveat) => Info(at, FormatCodes.DumpCaveat, caveat);

    public static Diagnostic ConflictingDuplicate(SourceSpan at, string key, SourceSpan first) => Warning(at, FormatCodes.ConflictingDuplicate,
        $"{key} appears again with different values; the first one (line {first.Line}) is kept.");

    public static Diagnostic SubleavesInferred(SourceSpan at, uint leaf, IEnumerable<uint> subleaves, string rule) => Info(at, FormatCodes.SubleavesInferred,
        $"Leaf {Hex(leaf)} is listed {subleaves.Count()} times without [SL] notes; read as sub-leaves "
        + $"{string.Join(", ", subleaves.Select(Hex))} ({rule}).");

    public static Diagnostic PaddingDropped(SourceSpan at, string array, int count, uint maxLeaf) => Info(at, FormatCodes.PaddingDropped,
        $"{count} {array} entries lie above the highest leaf the CPU reports ({Hex(maxLeaf)}); they are padding and were dropped.");

    public static Diagnostic UnknownArray(SourceSpan at, string name) => Warning(at, FormatCodes.UnknownArray,
        $"'{name}' is not a libcpuid array CpuCompat knows (basic_cpuid, ext_cpuid, intel_fn4, intel_fn11, intel_fn12h, intel_fn14h, amd_fn8000001dh); the line is ignored.");

    public static Diagnostic OtherCpusIgnored(SourceSpan at) => Info(at, FormatCodes.OtherCpusIgnored,
        "The file holds more logical CPUs; only the first one is read.");

    public static Diagnostic UnrecognizedLine(SourceSpan at, string format, int count) => Info(at, FormatCodes.UnrecognizedLine, count == 1
        ? $"This line is not part of the {format} format and is ignored."
        : $"{count} lines, starting with this one, are not part of the {format} format and are ignored.");

    public static Diagnostic NoProcessorBlock(SourceSpan at) => Error(at, FormatCodes.NoProcessorBlock,
        "No x86 processor block (with 'vendor_id' or 'flags') was found in this /proc/cpuinfo text; give the cpuinfo of an x86 machine.");

    public static Diagnostic MissingCpuinfoField(SourceSpan at, string field, string consequence) => Warning(at, FormatCodes.MissingCpuinfoField,
        $"The first processor block has no '{field}' line; {consequence}.");

    public static Diagnostic InvalidCpuinfoNumber(SourceSpan at, string field, string value) => Error(at, FormatCodes.InvalidCpuinfoNumber,
        $"'{field}' should be a decimal number, not '{value}'.");

    public static Diagnostic UnmappedFlag(SourceSpan at, string flag, string reason) => Info(at, FormatCodes.UnmappedFlag,
        $"The flag '{flag}' has no CPUID-exact meaning here and is ignored: {reason}.");

    public static Diagnostic DerivedFlag(SourceSpan at, string flag, string feature, string reason) => Warning(at, FormatCodes.DerivedFlag,
        $"The flag '{flag}' is synthesized by Linux; it is read as the feature '{feature}' ({reason}).");

    public static Diagnostic HiddenBits(SourceSpan at, string names) => Info(at, FormatCodes.HiddenBits,
        "/proc/cpuinfo never shows some CPUID bits and no MSR values (" + names + "), so decoding it may give a different "
        + "CPU than decoding the raw CPUID data; prefer `cpuid -r` output where you can.");

    public static Diagnostic UnknownVendorString(SourceSpan at, string value) => Warning(at, FormatCodes.UnknownVendorString,
        $"The vendor_id '{value}' is not 12 characters long and matches no known vendor; the CPU vendor is left unknown.");

    public static Diagnostic IgnoredCpuinfoLine(SourceSpan at, string field, string why) => Info(at, FormatCodes.IgnoredCpuinfoLine,
        $"The '{field}' line is not used: {why}.");

    public static Diagnostic NoModelExpansion(SourceSpan at, bool hasDefinitions) => Error(at, FormatCodes.NoModelExpansion, hasDefinitions
        ? "The QMP replies hold only a query-cpu-definitions list and no query-cpu-model-expansion reply; pass such a list with --models instead."
        : "The QMP replies hold no query-cpu-model-expansion reply, so there is no CPU data to read.");

    public static Diagnostic NoModelDefinitions(SourceSpan at) => Error(at, FormatCodes.NoModelDefinitions,
        "The QMP replies hold no query-cpu-definitions reply; give QEMU's model list, or model names one a line.");

    public static Diagnostic WrongXmlRoot(SourceSpan at, InputFormat format, string expected, string found)
    {
        var fits = Detection.FormatDetector.FormatOfRoot(found);
        var advice = fits == InputFormat.Auto ? "--input-format auto" : $"--input-format {fits.NameOf()} or auto";
        return Error(at, FormatCodes.WrongXmlRoot, $"The '{format.NameOf()}' format needs a <{expected}> document, but the root element is <{found}>; use {advice}.");
    }
}
