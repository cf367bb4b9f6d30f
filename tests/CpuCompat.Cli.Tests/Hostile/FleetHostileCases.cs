using CpuCompat.TestSupport;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>JSON Lines fleets with bad lines: each names the file and the line, and a huge fleet streams.</summary>
public sealed class FleetHostileCases : IHostileCaseSet
{
    private const string Format = "fleet-jsonl";

    private static string GoodLine(int index) =>
        File.ReadLines(RepositoryRoot.File("data/examples/fleet.jsonl")).ElementAt(index);

    private static HostileCase Pool(string name, Func<string, string> write, string stderr) =>
        new(Format, name, dir => ["pool", "baseline", "--fleet", write(dir)], StderrExpectation.Exact(stderr));

    public IEnumerable<HostileCase> Cases =>
    [
        Pool("empty-file", d => HostileFiles.Text(d, "fleet.jsonl", ""), "cpucompat: {dir}/fleet.jsonl: the fleet is empty (no hosts)"),
        Pool("blank-lines-only", d => HostileFiles.Text(d, "fleet.jsonl", "\n \r\n\n"), "cpucompat: {dir}/fleet.jsonl: the fleet is empty (no hosts)"),
        Pool("directory-without-hosts", d => HostileFiles.Directory(d, "hosts"), "cpucompat: {dir}/hosts has no hosts"),
        Pool("missing-file", d => Path.Combine(d, "nowhere.jsonl"), "cpucompat: cannot read the fleet {dir}/nowhere.jsonl: no such file or directory"),
    ];
}
