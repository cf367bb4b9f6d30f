using System.Collections.Immutable;

namespace CpuCompat.Host;

/// <summary>
/// Collects <see cref="HostNote"/>s while probes run. Probes never throw for a missing or unreadable source: they add
/// a note here and report what they could know. A note that repeats an earlier one is dropped.
/// </summary>
public sealed class HostNotes
{
    private readonly List<HostNote> _notes = [];

    public int Count => _notes.Count;

    public void Add(HostNote note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    public void Unavailable(string source, string reason, string code = HostCodes.SourceMissing) =>
        Add(new HostNote(code, HostNoteKind.Unavailable, source, reason));

    public void Substituted(string source, string reason) =>
        Add(new HostNote(HostCodes.Substituted, HostNoteKind.Substituted, source, reason));

    public void Omitted(string source, string reason, string code = HostCodes.LeftOut) =>
        Add(new HostNote(code, HostNoteKind.Omitted, source, reason));

    /// <summary>A read failure of <see cref="HostRoot"/> as a note: missing and unreadable sources get their own codes.</summary>
    public void Failed(string source, ReadFailure failure) =>
        Unavailable(source, failure.Reason, failure.Kind switch
        {
            ReadFailureKind.Missing => HostCodes.SourceMissing,
            ReadFailureKind.Malformed => HostCodes.SourceMalformed,
            _ => HostCodes.SourceUnreadable,
        });

    public ImmutableArray<HostNote> ToImmutable() => [.. _notes];
}
