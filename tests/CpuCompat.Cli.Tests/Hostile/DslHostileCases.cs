namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>DSL files given to <c>db check</c> and <c>db compile</c>: every kind of error, binary data, empty and huge files.</summary>
public sealed class DslHostileCases : IHostileCaseSet
{
    private const string Format = "dsl";

    private static HostileCase Check(string name, Func<string, string> write, string stderr) =>
        new(Format, name, dir => ["db", "check", write(dir)], StderrExpectation.Exact(stderr));

    public IEnumerable<HostileCase> Cases =>
    [
        Check("missing-file", d => Path.Combine(d, "nowhere.ccl"), "cpucompat: {dir}/nowhere.ccl does not exist"),
    ];
}
