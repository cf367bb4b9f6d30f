using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core;

/// <summary>Why an operation failed; the command line maps <see cref="Incompatible"/> to exit code 1 and the rest to 2.</summary>
public enum CpuErrorKind
{
    /// <summary>The guest CPU cannot run on the host (compare with failIncompatible, forbidden features).</summary>
    Incompatible,

    /// <summary>A model, feature or vendor name the database does not know.</summary>
    UnknownName,

    /// <summary>The input is not a valid request (no CPUs, no model, mixed vendors, bad stub).</summary>
    InvalidInput,

    /// <summary>No model fits the data, or an allowed-models list excludes what is needed.</summary>
    NoSuitableModel,

    /// <summary>The architecture's driver does not implement the operation.</summary>
    Unsupported,
}

/// <summary>
/// An operation's failure: a kind and one whole-sentence message, close to libvirt's own. An error about input
/// content also carries its <see cref="Diagnostic"/> (file, line, column, code); <see cref="Message"/> is then the
/// diagnostic's one-line form.
/// </summary>
public sealed record CpuError(CpuErrorKind Kind, string Message)
{
    public Diagnostic? Diagnostic { get; init; }

    /// <summary>
    /// Which of an operation's input CPUs (0-based) the error is about, when it takes several and the fault lies in one
    /// (an unknown feature of the third host of a baseline). The engine knows no files; a caller that read the CPUs
    /// maps the index to where the CPU came from with <see cref="In"/>.
    /// </summary>
    public int? InputIndex { get; init; }

    /// <summary>The same error, about input CPU <paramref name="index"/> (kept when an earlier step already said which).</summary>
    public CpuError About(int index) => InputIndex is null ? this with { InputIndex = index } : this;

    /// <summary>
    /// The same error with <paramref name="context"/> (a file name, "host 3 of fleet.jsonl") said first. A verdict of
    /// incompatibility is not about the input's content and keeps its own words.
    /// </summary>
    public CpuError In(string context) => Kind == CpuErrorKind.Incompatible || Diagnostic is not null || Message.StartsWith(context + ":", StringComparison.Ordinal)
        ? this
        : this with { Message = $"{context}: {Message}" };

    public override string ToString() => Message;
}
