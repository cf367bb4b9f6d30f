using System.Collections.Concurrent;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>What one case did in its child process.</summary>
public sealed record HostileOutcome(HostileCase Case, bool Crashed, bool Passed, TimeSpan Elapsed, long? PeakKiB);

/// <summary>The outcomes of the corpus's cases in this run, for the summary (a class fixture: shared by the rows, not static).</summary>
public sealed class HostileTally
{
    private readonly ConcurrentDictionary<string, HostileOutcome> outcomes = new(StringComparer.Ordinal);

    public void Record(HostileOutcome outcome) => outcomes[outcome.Case.ToString()] = outcome;

    public IReadOnlyList<HostileOutcome> Outcomes => [.. outcomes.Values.OrderBy(o => o.Case.ToString(), StringComparer.Ordinal)];
}
