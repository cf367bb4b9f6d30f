namespace CpuCompat.Language.Diagnostics;

/// <summary>Stable codes of the DSL front end (CC1xxx): reading, lexing, parsing and checking one file's syntax. Never reuse a code.</summary>
public static class SyntaxCodes
{
    public const string SyntaxError = "CC1001";
    public const string InvalidCharacter = "CC1002";
    public const string UnterminatedString = "CC1003";
    public const string InvalidEscape = "CC1004";
    public const string NumberTooLarge = "CC1005";
    public const string BadRegister = "CC1006";
    public const string BitOutOfRange = "CC1007";
    public const string SteppingOutOfRange = "CC1008";
    public const string ReversedRange = "CC1009";
    public const string MissingArch = "CC1010";
    public const string UnknownArch = "CC1011";
    public const string DuplicateStatement = "CC1012";
    public const string UnknownDecodeFlag = "CC1013";
    public const string RepeatedDecodeFlag = "CC1014";
    public const string ConflictingDecodeFlags = "CC1015";
    public const string UnknownCheck = "CC1016";
    public const string EmptyName = "CC1017";
    public const string SourceNotFound = "CC1018";
    public const string NoSourceFiles = "CC1019";
    public const string NestingTooDeep = "CC1020";
    public const string OldDependencySpelling = "CC1021";
    public const string FileTooLarge = "CC1022";
    public const string EmptyFile = "CC1023";
    public const string NotText = "CC1024";
    public const string LineTooLong = "CC1025";
    public const string MoreDiagnostics = "CC1026";
}
