using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// A fleet with unreadable hosts of every kind: by default the command fails (exit 2), lists every bad line as
/// <c>cpucompat: SOURCE:LINE: host NAME: REASON</c> and writes nothing; with <c>--keep-going</c> they are listed as
/// <c>cpucompat: left out: ...</c> and the rest of the fleet is worked on.
/// </summary>
public sealed class FleetProblemsTests
{
    /// <summary>The bad lines of <see cref="WriteBadFleet"/>: line number and the host name the line gives (null: none).</summary>
    private static readonly (int Line, string? Host)[] BadLines = [(2, null), (3, "nocpu-1"), (5, "east-01"), (6, "garbage-1"), (7, null)];

    /// <summary>east-01, east-02 and east-04 are good; five lines are bad, each in another way.</summary>
    private static string WriteBadFleet(TempDirectory dir)
    {
        var east = TestFleets.Example("east-");
        string[] lines =
        [
            east[0].ToJson(),                                                                // 1 east-01
            "this is not json",                                                              // 2 not JSON
            new JsonObject { ["host"] = "nocpu-1", ["labels"] = new JsonObject() }.ToJsonString(), // 3 no "cpu"
            east[1].ToJson(),                                                                // 4 east-02
            (east[4] with { Host = "east-01" }).ToJson(),                                    // 5 east-01 again (with another CPU)
            new JsonObject { ["host"] = "garbage-1", ["cpu"] = "hello world" }.ToJsonString(), // 6 a cpu that is no CPU
            new JsonObject { ["host"] = 42, ["cpu"] = east[2].Cpu }.ToJsonString(),          // 7 "host" not a string
            east[3].ToJson(),                                                                // 8 east-04
        ];
        return dir.Write("fleet.jsonl", string.Join("\n", lines) + "\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bad_lines_fail_pool_baseline_listing_each_with_its_line_and_host_and_write_nothing(bool outputDirExists)
    {
        using var dir = new TempDirectory();
        var fleet = WriteBadFleet(dir);
        var output = dir.File("out");
        if (outputDirExists)
        {
            Directory.CreateDirectory(output);
        }

        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet, "--output-dir", output, "--json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        AssertListed(result.Stderr, fleet, "");
        Assert.Equal(outputDirExists, Directory.Exists(output));
        Assert.Empty(TestFleets.FileNames(output));
    }

    [Fact]
    public void Bad_lines_fail_what_if_and_check_too_and_they_write_nothing()
    {
        using var dir = new TempDirectory();
        var fleet = WriteBadFleet(dir);
        var good = TestFleets.WriteFleet(dir, "good.jsonl", TestFleets.Example("west-"));

        var whatIf = CliRun.InProcess("pool", "what-if", "--fleet", good, "--add", fleet, "--output-dir", dir.File("whatif"));
        Assert.True(whatIf.ExitCode == 2, whatIf.ToString());
        AssertListed(whatIf.Stderr, fleet, "");
        Assert.False(Directory.Exists(dir.File("whatif")));

        var check = CliRun.InProcess("check", "--fleet", fleet, "--guests", TestFleets.ExampleGuests, "--junit", dir.File("junit.xml"), "--json", dir.File("check.json"));
        Assert.True(check.ExitCode == 2, check.ToString());
        AssertListed(check.Stderr, fleet, "");
        Assert.False(File.Exists(dir.File("junit.xml")));
        Assert.False(File.Exists(dir.File("check.json")));
    }

    [Fact]
    public void Keep_going_lists_them_as_left_out_and_gives_the_baseline_of_the_readable_hosts()
    {
        using var dir = new TempDirectory();
        var fleet = WriteBadFleet(dir);
        var east = TestFleets.Example("east-");
        var files = TestFleets.WriteCpuFiles(dir, "hosts", [east[0], east[1], east[3]]); // the first east-01 is the one kept
        var expected = TestFleets.CpuBaseline(files.Values);

        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet, "--keep-going", "--output-dir", dir.File("out"), "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertListed(result.Stderr, fleet, "left out: ");
        var document = TestFleets.ParseJson(result.Stdout);
        var pool = Assert.Single(TestFleets.Pools(document));
        Assert.Equal(["east-01", "east-02", "east-04"], TestFleets.Strings(pool["members"]).Order(StringComparer.Ordinal));
        Assert.Equal(expected, (string?)pool["cpu"]);
        Assert.Equal(expected, File.ReadAllText(dir.File($"out/{pool["name"]}.xml")));
        Assert.Equal(BadLines.Select(b => b.Line), document["fleet"]!["skipped"]!.AsArray().Select(s => s!["line"]!.GetValue<int>()));
    }

    [Fact]
    public void Hosts_with_the_same_bad_cpu_are_each_reported_under_their_own_name_only()
    {
        using var dir = new TempDirectory();
        var fleet = dir.Write("fleet.jsonl", string.Concat(new[] { "garbage-1", "garbage-2" }.Select(h =>
            new JsonObject { ["host"] = h, ["cpu"] = "hello world" }.ToJsonString() + "\n")));

        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet);
        Assert.True(result.ExitCode == 2, result.ToString());
        var second = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith($"cpucompat: {fleet}:2: ", StringComparison.Ordinal));
        Assert.StartsWith($"cpucompat: {fleet}:2: host garbage-2: ", second, StringComparison.Ordinal);
        Assert.True(!second.Contains("garbage-1", StringComparison.Ordinal), $"the problem of line 2 (host garbage-2) names another host: {second}");
    }

    /// <summary>Each bad line is on stderr once, as <c>cpucompat: PREFIXSOURCE:LINE: [host NAME: ]REASON</c>, and no good line is.</summary>
    private static void AssertListed(string stderr, string fleet, string prefix)
    {
        var lines = stderr.Split('\n');
        var listed = lines.Where(l => l.StartsWith($"cpucompat: {prefix}{fleet}:", StringComparison.Ordinal)).ToList();
        Assert.True(listed.Count == BadLines.Length, $"expected {BadLines.Length} problems listed, got:\n{stderr}");
        foreach (var (line, host) in BadLines)
        {
            var pattern = $"^cpucompat: {Regex.Escape(prefix + fleet)}:{line}: " + (host is null ? "" : $"host {Regex.Escape(host)}: ") + @"\S.*$";
            Assert.True(listed.Count(l => Regex.IsMatch(l, pattern)) == 1, $"line {line} (host {host ?? "-"}) not listed as /{pattern}/ in:\n{stderr}");
        }
    }
}
