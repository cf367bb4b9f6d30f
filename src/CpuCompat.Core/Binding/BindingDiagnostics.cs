using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using static CpuCompat.Core.Binding.BindingCodes;

namespace CpuCompat.Core.Binding;

/// <summary>One builder per binding and database-check code; messages are whole sentences that say what to do.</summary>
internal static class BindingDiagnostics
{
    private static Diagnostic Error(SourceSpan span, string code, string message) => new(span, DiagnosticSeverity.Error, code, message);

    private static Diagnostic Warning(SourceSpan span, string code, string message) => new(span, DiagnosticSeverity.Warning, code, message);

    public static Diagnostic Unknown(SourceSpan span, string kind, string name, IEnumerable<string> known) => Error(
        span,
        kind switch { "feature" => UnknownFeature, "model" => UnknownModel, "pool" => UnknownPool, "level" => UnknownLevel, _ => UnknownVendor },
        $"unknown {kind} '{name}'{NameSuggester.Hint(name, known)}");

    public static Diagnostic Duplicate(SourceSpan span, string kind, string name, SourceSpan first) => Error(
        span,
        kind switch { "feature" => DuplicateFeature, "model" => DuplicateModel, "pool" => DuplicatePool, "rule" => DuplicateRule, "level" => DuplicateLevel, _ => DuplicateVendor },
        $"{kind} '{name}' is already defined at {first}; give it another name or remove one definition.");

    public static Diagnostic Cycle(SourceSpan span, IEnumerable<string> chain) => Error(
        span, InheritanceCycle, $"inheritance cycle: {string.Join(" -> ", chain)}; a model cannot be its own ancestor.");

    public static Diagnostic UsedTooEarly(SourceSpan span, string kind, string name) => Error(
        span, UsedBeforeDeclared, $"{kind} '{name}' is used before it is declared; libvirt loads a cpu_map in order, so declare it earlier.");

    public static Diagnostic CompatConflict(SourceSpan span, string version, string first) => Error(
        span, ConflictingCompat, $"compat libvirt \"{version}\" conflicts with \"{first}\" declared earlier; a database has one compat version.");

    public static Diagnostic BadCompat(SourceSpan span, string version) => Error(
        span, InvalidCompatVersion, $"'{version}' is not a libvirt version; write it as major.minor.micro, e.g. \"11.3.0\".");

    public static Diagnostic PoolConflict(SourceSpan span, string pool, string feature) => Error(
        span, ConflictingPoolPolicy, $"pool '{pool}' both forbids and requires '{feature}'; keep only one of them.");

    public static Diagnostic CanonicalConflict(SourceSpan span, string alias, string model, string existing) => Error(
        span, CanonicalNameConflict, $"model '{alias}' is a pure alias of '{model}', which already has the alias '{existing}'; a model has one canonical alias.");

    public static Diagnostic ListedTwice(SourceSpan span, string feature, string model) => Warning(
        span, FeatureListedTwice, $"feature '{feature}' is listed more than once in model '{model}'; the repetition has no effect.");

    public static Diagnostic VendorString(SourceSpan span, string vendor, string? s) => Error(
        span, BadVendorString, s is null
            ? $"x86 vendor '{vendor}' needs its 12-character CPUID string, e.g. vendor {vendor} \"GenuineIntel\";"
            : $"the CPUID string of vendor '{vendor}' must be exactly 12 ASCII characters, not {s.Length}: \"{s}\".");

    public static Diagnostic NotForArch(SourceSpan span, string what, ArchFamily arch) => Error(
        span, NotSupportedForArch, $"{what} is not supported for architecture {ArchNames.DslName(arch)}.");

    public static Diagnostic NoBits(SourceSpan span, string feature) => Error(
        span, MissingFeatureBits, $"x86 feature '{feature}' needs at least one cpuid(...) or msr(...) location.");

    public static Diagnostic NoPvrMask(SourceSpan span, string model) => Error(
        span, MissingPvrMask, $"ppc64 model '{model}' needs a mask for each pvr, e.g. pvr 0x004b0000 mask 0xffff0000;");

    public static Diagnostic NoPvr(SourceSpan span, string model, ArchFamily arch) => Error(
        span, MissingPvr, $"{ArchNames.DslName(arch)} model '{model}' needs a pvr: a model is recognised by its processor version register, e.g. pvr 0x004b0000 mask 0xffff0000;");

    public static Diagnostic MsrBits(SourceSpan span, string feature) => Error(
        span, MsrRegister, $"feature '{feature}' sets MSR bits outside eax and edx; an MSR value has a low half (eax) and a high half (edx) only.");

    public static Diagnostic ZeroFamily(SourceSpan span) => Error(
        span, InvalidSignature, "a signature's family must be a non-zero number.");

    public static Diagnostic TooMany(SourceSpan span, ArchFamily arch, int count) => Error(
        span, TooManyFeatures, $"{ArchNames.DslName(arch)} declares {count} features; CpuCompat's feature sets hold at most {Features.FeatureSet.Capacity}.");

    public static Diagnostic SharedBits(SourceSpan span, string feature, string other, DataKey key) => Error(
        span, SharedFeatureBits, $"feature '{feature}' uses bits of {key} that feature '{other}' already uses; every bit must belong to one feature.");

    public static Diagnostic BreaksDependency(SourceSpan span, string model, string feature, string missing) => Warning(
        span, ModelBreaksDependency, $"model '{model}' has '{feature}' but not '{missing}', which '{feature}' requires.");

    public static Diagnostic SameVendorString(SourceSpan span, string vendor, string other) => Warning(
        span, DuplicateVendorString, $"vendor '{vendor}' has the same CPUID string as vendor '{other}'; detection will always find '{other}' first.");

    public static Diagnostic NotRebound(SourceSpan span, string what, string missing) => Warning(
        span, RuleNotRebound, $"{what} is left out: this map has no {missing}.");

    public static Diagnostic LevelOwnBase(SourceSpan span, string level) => Error(
        span, LevelIsOwnBase, $"level '{level}' cannot be its own base; name the level below it, or none.");

    public static Diagnostic HostTestOutsidePool(SourceSpan span) => Error(
        span, HostTestInRule, "label and 'runs' tests are about the hosts of a fleet: use them in a pool's 'select', not in a rule.");

    public static Diagnostic NotAPolicy(SourceSpan span, string what) => Error(
        span, NotAPolicyDeclaration, $"{what} cannot be declared in a policy file, which adds pools, checks, levels and tags to the database in use; put it in a database (--database) instead.");
}
