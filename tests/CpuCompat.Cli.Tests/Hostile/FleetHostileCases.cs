using CpuCompat.TestSupport;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// JSON Lines fleets with bad lines (each names the file and the line; at most 20 are named when nothing is written),
/// binary data, empty files, directories, and a 100,000-line fleet whose last line is bad (it streams).
/// </summary>
public sealed class FleetHostileCases : IHostileCaseSet
{
    private const string Format = "fleet-jsonl";

    private static string GoodLine(int index) =>
        File.ReadLines(RepositoryRoot.File("data/examples/fleet.jsonl")).ElementAt(index);

    private const string OneHost = "cpucompat: 1 host of {dir}/fleet.jsonl cannot be read; nothing was written (--keep-going leaves them out)";

    /// <summary>A fleet of <paramref name="count"/> distinct hosts (one CPU, like a uniform cluster), then <paramref name="tail"/>.</summary>
    private static string Hosts(string dir, int count, string tail)
    {
        var path = Path.Combine(dir, "fleet.jsonl");
        var line = GoodLine(0);
        var name = "\"host\": \"east-01\"";
        using var writer = new StreamWriter(path);
        for (var i = 0; i < count; i++)
        {
            writer.Write(line.Replace(name, $"\"host\": \"h{i}\"", StringComparison.Ordinal));
            writer.Write('\n');
        }

        writer.Write(tail);
        return path;
    }

    private static HostileCase Pool(string name, Func<string, string> write, string stderr) =>
        new(Format, name, dir => ["pool", "baseline", "--fleet", write(dir)], StderrExpectation.Exact(stderr));

    public IEnumerable<HostileCase> Cases =>
    [
        Pool("empty-file", d => HostileFiles.Text(d, "fleet.jsonl", ""), "cpucompat: {dir}/fleet.jsonl: the fleet is empty (no hosts)"),
        Pool("blank-lines-only", d => HostileFiles.Text(d, "fleet.jsonl", "\n \r\n\n"), "cpucompat: {dir}/fleet.jsonl: the fleet is empty (no hosts)"),
        Pool("directory-without-hosts", d => HostileFiles.Directory(d, "hosts"), "cpucompat: {dir}/hosts has no hosts"),
        Pool("missing-file", d => Path.Combine(d, "nowhere.jsonl"), "cpucompat: cannot read the fleet {dir}/nowhere.jsonl: no such file or directory"),
        Pool("binary-1mb", d => HostileFiles.Binary(d, "fleet.jsonl", 1 << 20),
            "cpucompat: {dir}/fleet.jsonl: not a fleet: neither JSON Lines ({\"host\": …, \"cpu\": …} a line), a node list nor hypervisor records ('0xF9' is an invalid start of a value.)"),
        Pool("not-json-line-3", d => HostileFiles.Text(d, "fleet.jsonl", GoodLine(0) + "\n" + GoodLine(1) + "\nnot json\n"),
            "cpucompat: {dir}/fleet.jsonl:3: not valid JSON ('not json' is an invalid JSON literal. Expected the literal 'null'.)\n" + OneHost),
        Pool("control-characters-in-host", d => HostileFiles.Text(d, "fleet.jsonl", GoodLine(0) + "\n{\"host\": \"evil\\u001b[2J\", \"labels\": {}}\n"),
            "cpucompat: {dir}/fleet.jsonl:2: host evil\\u001b[2J: no \"cpu\"\n" + OneHost),
        Pool("many-bad-lines", d => HostileFiles.Repeated(d, "fleet.jsonl", GoodLine(0) + "\n", "{\"host\": 1}\n", HostileFiles.MiB),
            string.Concat(Enumerable.Range(2, 20).Select(line => $"cpucompat: {{dir}}/fleet.jsonl:{line}: \"host\" must be a string\n"))
            + "cpucompat: … and 87372 more hosts that cannot be read\ncpucompat: 87392 hosts of {dir}/fleet.jsonl cannot be read; nothing was written (--keep-going leaves them out)"),
        Pool("100000-lines-last-bad", d => Hosts(d, 100_000, "{\"host\": \"last\"\n"),
            "cpucompat: {dir}/fleet.jsonl:100001: host last: not valid JSON (Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.)\n" + OneHost) with { MaxTime = TimeSpan.FromSeconds(90), MaxPeakMiB = 600 },
    ];
}
