using CpuCompat.Core.Diagnostics;
using static CpuCompat.Language.Diagnostics.SyntaxCodes;

namespace CpuCompat.Language.Diagnostics;

/// <summary>One builder per CC1xxx code; messages are whole sentences that say what to do.</summary>
internal static class SyntaxDiagnostics
{
    private static Diagnostic Error(SourceSpan span, string code, string message) => new(span, DiagnosticSeverity.Error, code, message);

    public static Diagnostic Unexpected(SourceSpan span, string found, string expected) => Error(
        span, SyntaxError, $"unexpected {found}; expected {expected}.");

    public static Diagnostic Missing(SourceSpan span, string expected, string after) => Error(
        span, SyntaxError, $"missing {expected} after {after}.");

    public static Diagnostic BadCharacter(SourceSpan span, string character) => Error(
        span, InvalidCharacter, $"unexpected character {character}; names use letters, digits, '_', '.', '+' and '-' (quote any other name with \"...\").");

    public static Diagnostic Unterminated(SourceSpan span) => Error(
        span, UnterminatedString, "this string has no closing '\"' on its line; close it.");

    public static Diagnostic BadEscape(SourceSpan span, string escape) => Error(
        span, InvalidEscape, $"unknown escape '{escape}' in a string; only \\\" and \\\\ are allowed.");

    public static Diagnostic TooLarge(SourceSpan span, string text) => Error(
        span, NumberTooLarge, $"the number {text} does not fit in 32 bits; the largest allowed value is 4294967295 (0xffffffff).");

    public static Diagnostic Register(SourceSpan span, string register, bool msr) => Error(
        span, BadRegister, msr
            ? $"bad register '{register}' for an MSR; use eax for bits 0-31 and edx for bits 32-63."
            : $"bad register '{register}'; a CPUID location uses eax, ebx, ecx or edx.");

    public static Diagnostic Bit(SourceSpan span, uint bit, bool msr) => Error(
        span, BitOutOfRange, msr
            ? $"bit {bit} is out of range 0-31; write MSR bits 32-63 as edx[0-31]" + (bit <= 63 ? $" (bit {bit} is edx[{bit - 32}])." : ".")
            : $"bit {bit} is out of range; a register has bits 0-31.");

    public static Diagnostic Stepping(SourceSpan span, uint stepping) => Error(
        span, SteppingOutOfRange, $"stepping {stepping} is out of range; steppings are 0-15.");

    public static Diagnostic Reversed(SourceSpan span, uint from, uint to) => Error(
        span, ReversedRange, $"the range {from}-{to} is reversed; write it as {to}-{from}.");

    public static Diagnostic NoArch(SourceSpan span, string what) => Error(
        span, MissingArch, $"{what} needs an architecture; start the file with 'arch x86_64;', 'arch ppc64;' or 'arch aarch64;'.");

    public static Diagnostic UnknownArchitecture(SourceSpan span, string name, string? suggestion) => Error(
        span, UnknownArch, $"unknown architecture '{name}'" + (suggestion is null
            ? "; use x86_64, i686, ppc64, ppc64le or aarch64."
            : $" — did you mean '{suggestion}'?"));

    public static Diagnostic Duplicate(SourceSpan span, string statement, string owner, SourceSpan first) => Error(
        span, DuplicateStatement, $"{owner} already has a '{statement}' statement at {first.Line}:{first.Column}; keep only one.");

    public static Diagnostic DecodeFlag(SourceSpan span, string flag, string? suggestion) => Error(
        span, UnknownDecodeFlag, $"unknown decode flag '{flag}'" + (suggestion is null
            ? "; the flags are host, guest and none."
            : $" — did you mean '{suggestion}'?"));

    public static Diagnostic DecodeRepeated(SourceSpan span, string flag) => Error(
        span, RepeatedDecodeFlag, $"decode flag '{flag}' is repeated; write it once.");

    public static Diagnostic DecodeConflict(SourceSpan span) => Error(
        span, ConflictingDecodeFlags, "'decode none' cannot be combined with host or guest; write either 'decode none;' or the flags to turn on.");

    public static Diagnostic Check(SourceSpan span, string value) => Error(
        span, UnknownCheck, $"unknown check '{value}'; the only check is 'check compat;'.");

    public static Diagnostic Empty(SourceSpan span) => Error(
        span, EmptyName, "a name cannot be empty; write a name between the quotes.");

    public static Diagnostic NotFound(SourceSpan span, string reason) => Error(
        span, SourceNotFound, $"cannot read this source: {reason}; check the path.");

    public static Diagnostic NoSources(SourceSpan span, bool isError) => new(
        span, isError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, NoSourceFiles, "this directory holds no .ccl files; nothing was compiled from it.");

    public static Diagnostic TooDeep(SourceSpan span, int limit) => Error(
        span, NestingTooDeep, $"conditions are nested more than {limit} levels deep here; split the rule or remove redundant parentheses and 'not's.");

    public static Diagnostic OldDependencySpelling(SourceSpan span) => Error(span, SyntaxCodes.OldDependencySpelling,
        "a dependency is written 'depend a, b -> c;' ('require' is what a pool demands of its members); replace 'require' with 'depend'.");

    public static Diagnostic TooLarge(SourceSpan span, long limit) => Error(span, FileTooLarge,
        $"the file is larger than {limit >> 20} MiB, far more than any database needs; split it or check that it is the file you meant.");

    public static Diagnostic EmptySource(SourceSpan span) => Error(span, EmptyFile,
        "the file declares nothing (it is empty or holds only comments); give a file with vendors, features, models or pools.");

    public static Diagnostic Binary(SourceSpan span, string what) => Error(span, NotText,
        $"the file is not DSL text: {what}; give a UTF-8 .ccl file.");

    public static Diagnostic LongLine(SourceSpan span, int limit) => Error(span, LineTooLong,
        $"the line is longer than {limit} bytes; no declaration needs that, break it into lines.");

    public static Diagnostic More(SourceSpan span, int count, int errors) => new(span, errors > 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        MoreDiagnostics, $"… and {count} more diagnostics ({errors} errors) in this file, not shown; fix the ones above first.");

    public static Diagnostic GaveUp(SourceSpan span, int errors) => Error(span, MoreDiagnostics,
        $"{errors} syntax errors by here; the rest of the file was not read (is it a DSL file?).");
}
