using System.Text.RegularExpressions;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// One bad input of the hostile corpus: its format (for the per-format counts), a name unique in the corpus, a
/// generator that writes the input into a fresh directory and returns the command line to run on it, what standard
/// error must say, and generous bounds on the child's wall time and peak memory (they catch a hang or a balloon,
/// not a slow machine).
/// </summary>
/// <param name="Format">The kind of input (xml, dsl, cpuid-dump, cpuinfo, qmp, fleet-jsonl, ...).</param>
/// <param name="Name">Unique in the corpus; the theory row is named after it.</param>
/// <param name="Generate">Writes the input below the given directory and returns the cpucompat arguments.</param>
/// <param name="Stderr">The one line standard error must hold; <c>{dir}</c> in it stands for the case's directory.</param>
public sealed record HostileCase(string Format, string Name, Func<string, IReadOnlyList<string>> Generate, StderrExpectation Stderr)
{
    /// <summary>Bound on the child's wall time: far above a normal run, so only a hang or a quadratic blow-up trips it.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on the child's peak resident memory, in MiB (the runtime alone takes about 60-100).</summary>
    public long MaxPeakMiB { get; init; } = 400;

    /// <summary>Text written to the child's standard input, when the command reads '-'.</summary>
    public string? Stdin { get; init; }

    /// <summary>What standard output must hold, when the command reports there (<c>db check</c> prints its diagnostics).</summary>
    public StderrExpectation? Stdout { get; init; }

    /// <summary>The exit code expected: 2 (bad input) for every case of the corpus unless said otherwise.</summary>
    public int ExitCode { get; init; } = 2;

    public override string ToString() => $"{Format}/{Name}";
}

/// <summary>What the single line on standard error (or output) must be: exactly a text, or start with one, or match a pattern.</summary>
public abstract record StderrExpectation
{
    /// <summary>
    /// The whole of standard error is this line (with <c>{dir}</c> replaced by the case's directory); several lines
    /// only where the command reports each bad record and then a summary (a fleet's hosts).
    /// </summary>
    public static StderrExpectation Exact(string line) => new ExactLine(line);

    /// <summary>Standard error is one line starting with this text (only where the rest varies, e.g. a runtime's wording).</summary>
    public static StderrExpectation Prefix(string start) => new LinePrefix(start);

    /// <summary>Standard error is one line matching the pattern (anchored at both ends; <c>{dir}</c> is escaped in).</summary>
    public static StderrExpectation Matching(string pattern) => new LinePattern(pattern);

    /// <summary>Null when <paramref name="stderr"/> is as expected, else what is wrong.</summary>
    public virtual string? Check(string stderr, string dir)
    {
        if (!stderr.EndsWith('\n') || stderr.IndexOf('\n') != stderr.Length - 1)
        {
            return "standard error is not exactly one line";
        }

        var line = stderr[..^1];
        return Mismatch(line, dir);
    }

    protected abstract string? Mismatch(string line, string dir);

    private sealed record ExactLine(string Line) : StderrExpectation
    {
        public override string? Check(string stderr, string dir) =>
            Line.Contains('\n') ? Mismatch(stderr.EndsWith('\n') ? stderr[..^1] : stderr + " (no final line break)", dir) : base.Check(stderr, dir);

        protected override string? Mismatch(string line, string dir)
        {
            var expected = Line.Replace("{dir}", dir, StringComparison.Ordinal);
            return line == expected ? null : $"expected exactly:\n  {expected}\nbut got:\n  {line}";
        }
    }

    private sealed record LinePrefix(string Start) : StderrExpectation
    {
        protected override string? Mismatch(string line, string dir)
        {
            var expected = Start.Replace("{dir}", dir, StringComparison.Ordinal);
            return line.StartsWith(expected, StringComparison.Ordinal) ? null : $"expected a line starting with:\n  {expected}\nbut got:\n  {line}";
        }
    }

    private sealed record LinePattern(string Pattern) : StderrExpectation
    {
        protected override string? Mismatch(string line, string dir)
        {
            var regex = "^" + Pattern.Replace("{dir}", Regex.Escape(dir), StringComparison.Ordinal) + "$";
            return Regex.IsMatch(line, regex, RegexOptions.None, TimeSpan.FromSeconds(5)) ? null : $"expected a line matching:\n  {regex}\nbut got:\n  {line}";
        }
    }
}

/// <summary>
/// A file of corpus cases. Every non-abstract class of this assembly implementing it (with a parameterless
/// constructor) is part of the corpus, so each format keeps its cases in its own file and no central list is edited.
/// </summary>
public interface IHostileCaseSet
{
    IEnumerable<HostileCase> Cases { get; }
}
