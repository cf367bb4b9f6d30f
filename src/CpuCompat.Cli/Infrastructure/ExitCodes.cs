namespace CpuCompat.Cli.Infrastructure;

/// <summary>The process exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for checks, compatible (identical or superset).</summary>
    public const int Success = 0;

    /// <summary>The check ran and the answer is "incompatible".</summary>
    public const int Incompatible = 1;

    /// <summary>Bad input or usage: one line on stderr says what.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in CpuCompat (never a user's mistake).</summary>
    public const int InternalError = 3;
}
