namespace CpuCompat.Host;

/// <summary>Whether a note says that something could not be known, or that a substitute stands in for it.</summary>
public enum HostNoteKind
{
    /// <summary>The source could not be used; what depends on it is left out or reported as unknown.</summary>
    Unavailable,

    /// <summary>The source could not be used and a documented substitute was used instead.</summary>
    Substituted,

    /// <summary>The probe does not apply here, or the value is deliberately left out.</summary>
    Omitted,
}

/// <summary>
/// What a probe could not read and why, as one line the command line prints on stderr (or in JSON): for example
/// <c>unavailable: /sys/class/dmi/id/product_uuid: permission denied</c>.
/// </summary>
public sealed record HostNote(string Code, HostNoteKind Kind, string Source, string Reason)
{
    public override string ToString()
    {
        var kind = Kind switch
        {
            HostNoteKind.Unavailable => "unavailable",
            HostNoteKind.Substituted => "substituted",
            _ => "omitted",
        };
        return $"{kind}: {Source}: {Reason}";
    }
}
