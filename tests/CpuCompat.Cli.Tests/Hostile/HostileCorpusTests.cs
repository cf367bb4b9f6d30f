using System.Globalization;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// Runs every case of the hostile corpus through the real cpucompat binary in a child process: exit code 2, the
/// exact line on standard error, no crash, and the child's wall time and peak memory within the case's bounds.
/// </summary>
[TestMethodOrderer(typeof(SummaryLastOrderer))]
public sealed class HostileCorpusTests(HostileTally tally, ITestOutputHelper output) : IClassFixture<HostileTally>
{
    public static TheoryData<string> CaseNames => [.. HostileCorpus.Cases.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case(string name)
    {
        var c = HostileCorpus.Cases[name];
        using var dir = new TempDirectory();
        var arguments = c.Generate(dir.Path);
        var run = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(AppContext.BaseDirectory, "cpucompat.dll"), .. arguments],
            workingDirectory: dir.Path, stdin: c.Stdin, timeout: c.MaxTime + TimeSpan.FromSeconds(30), measureMemory: ChildProcess.CanMeasureMemory);

        var crash = CrashSign(run);
        var problems = new List<string>();
        if (crash is not null)
        {
            problems.Add(crash);
        }

        if (run.ExitCode != c.ExitCode)
        {
            problems.Add($"exit code {run.ExitCode}, expected {c.ExitCode}");
        }

        if (c.Stderr.Check(run.Stderr, dir.Path) is { } wrong)
        {
            problems.Add(wrong);
        }

        if (c.Stdout?.Check(run.Stdout, dir.Path) is { } wrongOutput)
        {
            problems.Add("standard output: " + wrongOutput);
        }

        if (run.Elapsed > c.MaxTime)
        {
            problems.Add($"took {run.Elapsed.TotalSeconds:F1} s, bound {c.MaxTime.TotalSeconds:F0} s");
        }

        if (run.PeakRssKiB is { } peak && peak > c.MaxPeakMiB * 1024)
        {
            problems.Add($"peak memory {peak / 1024} MiB, bound {c.MaxPeakMiB} MiB");
        }

        tally.Record(new HostileOutcome(c, crash is not null, problems.Count == 0, run.Elapsed, run.PeakRssKiB));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{c}: exit {run.ExitCode}, {run.Elapsed.TotalSeconds:F2} s, peak {(run.PeakRssKiB is { } kib ? $"{kib / 1024} MiB" : "not measured (no /usr/bin/time)")}"));
        output.WriteLine("stderr: " + run.Stderr.TrimEnd('\n'));
        Assert.True(problems.Count == 0, $"{c} ({string.Join(' ', arguments)}):\n{string.Join('\n', problems)}\n--- stderr\n{Truncated(run.Stderr)}");
    }

    /// <summary>Counts the inputs tried per format in this run, and that none crashed; runs after every row.</summary>
    [Fact]
    public void Summary()
    {
        var outcomes = tally.Outcomes;
        if (outcomes.Count == 0)
        {
            Assert.Skip("no case of the hostile corpus ran in this run (filtered out)");
        }

        foreach (var format in outcomes.GroupBy(o => o.Case.Format).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var worstTime = format.Max(o => o.Elapsed);
            var worstPeak = format.Max(o => o.PeakKiB ?? 0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format.Key}: {format.Count()} hostile inputs tried, {format.Count(o => o.Crashed)} crashed, {format.Count(o => !o.Passed)} failed; worst {worstTime.TotalSeconds:F2} s, worst peak {worstPeak / 1024} MiB"));
        }

        output.WriteLine($"total: {outcomes.Count} of {HostileCorpus.Cases.Count} cases ran, {outcomes.Count(o => o.Crashed)} crashed");
        Assert.DoesNotContain(outcomes, o => o.Crashed);
    }

    /// <summary>What shows the child crashed rather than refused the input: an unhandled exception, a stack trace, a signal.</summary>
    private static string? CrashSign(ChildResult run)
    {
        if (run.Stderr.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || run.Stderr.Contains("Exception:", StringComparison.Ordinal))
        {
            return "an exception reached standard error";
        }

        if (run.Stderr.Split('\n').Any(l => l.StartsWith("   at ", StringComparison.Ordinal)))
        {
            return "a stack trace reached standard error";
        }

        return run.ExitCode is > 2 and not 130 ? $"the process ended with code {run.ExitCode} (a signal or a crash)" : null;
    }

    private static string Truncated(string text) => text.Length <= 2000 ? text : text[..2000] + $"... ({text.Length} characters)";
}
