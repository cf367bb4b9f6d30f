namespace CpuCompat.Host;

/// <summary>Why <see cref="HostRoot"/> could not read a source.</summary>
public enum ReadFailureKind
{
    /// <summary>The file or directory does not exist.</summary>
    Missing,

    /// <summary>It exists but reading it failed (permission denied, I/O error).</summary>
    Unreadable,

    /// <summary>It was read, but its content could not be understood.</summary>
    Malformed,
}

/// <summary>Why a source of <see cref="HostRoot"/> could not be read, in words fit for a note.</summary>
public readonly record struct ReadFailure(ReadFailureKind Kind, string Reason)
{
    public static ReadFailure Missing { get; } = new(ReadFailureKind.Missing, "not present");

    public static ReadFailure Malformed(string what) => new(ReadFailureKind.Malformed, what);

    public static ReadFailure From(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => Missing,
        UnauthorizedAccessException => new(ReadFailureKind.Unreadable, "permission denied"),
        _ => new(ReadFailureKind.Unreadable, e.Message.TrimEnd('.')),
    };
}
