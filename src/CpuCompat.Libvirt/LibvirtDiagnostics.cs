using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt;

/// <summary>One builder per libvirt-format code; messages are whole sentences that say what to do.</summary>
internal static class LibvirtDiagnostics
{
    private static Diagnostic Error(SourceSpan span, string code, string message) => new(span, DiagnosticSeverity.Error, code, message);

    private static Diagnostic Warning(SourceSpan span, string code, string message) => new(span, DiagnosticSeverity.Warning, code, message);

    // Shared.
    public static Diagnostic FileNotReadable(SourceSpan span, string path, string reason) => Error(
        span, LibvirtCodes.FileNotReadable, $"cannot read '{path}': {reason}; check that the file exists and is readable.");

    public static Diagnostic FileNotWritable(SourceSpan span, string path, string reason) => Error(
        span, LibvirtCodes.FileNotWritable, $"cannot write '{path}': {reason}; check that the directory is writable.");

    public static Diagnostic MalformedXml(SourceSpan span, string detail) => Error(
        span, LibvirtCodes.MalformedXml, $"the file is not well-formed XML: {detail.TrimEnd('.')}. Fix the XML syntax.");

    public static Diagnostic DoctypeNotAllowed(SourceSpan span) => Error(
        span, LibvirtCodes.DoctypeNotAllowed, "DOCTYPE not allowed: CpuCompat never reads DTDs or entity declarations; remove the <!DOCTYPE ...> declaration.");

    public static Diagnostic XmlRefused(SourceSpan span, string code, string reason) => Error(span, code, $"{reason}; no real libvirt document comes near it.");

    public static Diagnostic XmlTooLarge(SourceSpan span) => Error(
        span, LibvirtCodes.XmlTooLarge, $"the document is larger than the limit of {XmlLimits.DocumentSizeText} for one XML document; no real libvirt document comes near it.");

    public static Diagnostic UnexpectedRoot(SourceSpan span, string found, string expected) => Error(
        span, LibvirtCodes.UnexpectedRoot, $"expected a <{expected}> root element, found <{found}>; check that this is the right file.");

    public static Diagnostic UnusualIncludeRoot(SourceSpan span, string found, string expected) => Warning(
        span, LibvirtCodes.UnusualIncludeRoot, $"the root element is <{found}>, not <{expected}>; its children are read anyway, as libvirt does.");

    public static Diagnostic MissingAttribute(SourceSpan span, string element, string attribute, string? example = null) => Error(
        span, LibvirtCodes.MissingAttribute, $"<{element}> needs a '{attribute}' attribute{(example is null ? "" : $", e.g. {example}")}.");

    public static Diagnostic AliasWithoutName(SourceSpan span) => Warning(
        span, LibvirtCodes.AliasWithoutName, "an <alias> without a 'name' attribute is ignored; add the other spelling as name='...' or remove the element.");

    public static Diagnostic InvalidNumber(SourceSpan span, string element, string attribute, string value, string expected) => Error(
        span, LibvirtCodes.InvalidNumber, $"'{value}' is not a valid value for {attribute} of <{element}>; write {expected}.");

    public static Diagnostic InvalidValue(SourceSpan span, string element, string attribute, string value, string allowed) => Error(
        span, LibvirtCodes.InvalidValue, $"'{value}' is not a valid value for {attribute} of <{element}>; use {allowed}.");

    public static Diagnostic MissingElement(SourceSpan span, string parent, string child, string why) => Error(
        span, LibvirtCodes.MissingElement, $"<{parent}> needs a <{child}> element: {why}.");

    // cpu_map.
    public static Diagnostic UnknownMapArch(SourceSpan span, string name) => Warning(
        span, LibvirtCodes.UnknownMapArch, $"<arch name='{name}'> is not a CPU driver CpuCompat knows (x86, ppc64, arm); it is skipped.");

    public static Diagnostic InvalidStepping(SourceSpan span, string text) => Error(
        span, LibvirtCodes.InvalidStepping, $"'{text}' is not a stepping list; write comma-separated numbers 0-15, ranges N-M and exclusions ^N, e.g. '0-4' or '1,3,5-7'.");

    public static Diagnostic NoArchitecture(SourceSpan span) => Warning(
        span, LibvirtCodes.NoArchitecture, "index.xml has no <arch name='x86|ppc64|arm'> element, so the map defines nothing.");

    public static Diagnostic DuplicateArch(SourceSpan span, string name) => Warning(
        span, LibvirtCodes.DuplicateArch, $"<arch name='{name}'> appears again; libvirt only reads the first one, so this one is ignored.");

    public static Diagnostic AncestorNotWritten(SourceSpan span, string model, string ancestor, string reason) => Warning(
        span, LibvirtCodes.AncestorNotWritten, $"model '{model}' is written with its complete feature list instead of as a descendant of '{ancestor}' ({reason}); its ancestor link is lost.");

    public static Diagnostic PolicyNotWritten(SourceSpan span, int count, string what) => Warning(
        span, LibvirtCodes.PolicyNotWritten, $"{count} {what} cannot be expressed in a libvirt cpu_map and were left out.");

    public static Diagnostic ModelNotWritable(SourceSpan span, string model, string reason) => Warning(
        span, LibvirtCodes.ModelNotWritable, $"model '{model}' cannot be written exactly as a cpu_map model: {reason}.");

    // <cpu>.
    public static Diagnostic NotCpuElement(SourceSpan span, string found) => Error(
        span, LibvirtCodes.NotCpuElement, $"expected a <cpu> element, found <{found}>.");

    public static Diagnostic AttributeNotAllowed(SourceSpan span, string message) => Error(span, LibvirtCodes.AttributeNotAllowed, message);

    public static Diagnostic UnknownArch(SourceSpan span, string arch) => Error(
        span, LibvirtCodes.UnknownArch, $"unknown architecture '{arch}'{NameSuggester.Hint(arch, ["x86_64", "i686", "ppc64", "ppc64le", "aarch64", "s390x"])}; write a libvirt architecture name such as x86_64.");

    public static Diagnostic InvalidVendorId(SourceSpan span, string value, string reason) => Error(
        span, LibvirtCodes.InvalidVendorId, $"vendor_id '{value}' {reason}; it must be exactly 12 characters without a comma, e.g. 'GenuineIntel'.");

    public static Diagnostic VendorWithoutModel(SourceSpan span) => Error(
        span, LibvirtCodes.VendorWithoutModel, "a CPU vendor is given without a CPU model; add a <model> or remove the <vendor>.");

    public static Diagnostic FeaturesWithoutModel(SourceSpan span) => Error(
        span, LibvirtCodes.FeaturesWithoutModel, "features are listed without a CPU model; add a <model> or use mode='host-model' or 'host-passthrough'.");

    public static Diagnostic DuplicateCpuFeature(SourceSpan span, string name, SourceSpan first) => Error(
        span, LibvirtCodes.DuplicateCpuFeature, $"CPU feature '{name}' is specified more than once (first at {first}); keep one.");

    public static Diagnostic TooManyCaches(SourceSpan span) => Error(
        span, LibvirtCodes.TooManyCaches, "at most one <cache> element may be specified; remove the others.");

    public static Diagnostic NoCpuFound(SourceSpan span) => Error(
        span, LibvirtCodes.NoCpuFound, "the file does not contain any <cpu> element or valid domain XML, host capabilities XML, or domain capabilities XML.");

    // <cpudata>.
    public static Diagnostic UnsupportedDataArch(SourceSpan span, string arch) => Error(
        span, LibvirtCodes.UnsupportedDataArch, $"cannot read '{arch}' CPU data; only arch='x86' CPU data has a <cpudata> format.");

    public static Diagnostic NoCpuData(SourceSpan span) => Error(
        span, LibvirtCodes.NoCpuData, "no x86 CPU data found; add <cpuid .../> or <msr .../> elements.");

    // QEMU.
    public static Diagnostic MalformedJson(SourceSpan span, string detail) => Error(
        span, LibvirtCodes.MalformedJson, $"the file is not valid JSON: {detail.TrimEnd('.')}. Fix the JSON syntax.");

    public static Diagnostic QmpErrorReply(SourceSpan span, string errorClass, string description) => Error(
        span, LibvirtCodes.QmpErrorReply, $"QEMU answered with an error ({errorClass}: {description}); capture the reply of a successful command.");

    public static Diagnostic UnexpectedReply(SourceSpan span, string what) => Warning(
        span, LibvirtCodes.UnexpectedReply, $"{what}; the document is skipped.");

    public static Diagnostic ExtraReply(SourceSpan span, string kind) => Warning(
        span, LibvirtCodes.ExtraReply, $"a second {kind} reply is ignored; only the first one is used.");

    /// <summary>A line of a models list that no model is named (<paramref name="what"/>: "a control character", "'&lt;'").</summary>
    public static Diagnostic InvalidModelName(SourceSpan span, string line, string what) => Error(
        span, LibvirtCodes.InvalidModelName, $"'{Printable.Escape(line)}' is not a CPU model name: it contains {what}; a models file is a QMP query-cpu-definitions reply or model names, one a line ('#' starts a comment).");
}
