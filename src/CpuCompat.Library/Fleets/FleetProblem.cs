namespace CpuCompat.Fleets;

/// <summary>A host that could not be read: where it was (input and line), its name if known, and why.</summary>
public sealed record FleetProblem(string Source, int Line, string? Host, string Reason)
{
    public override string ToString() =>
        (Line > 0 ? $"{Source}:{Line}" : Source) + (Host is null ? "" : $": host {Host}") + $": {Reason}";
}
