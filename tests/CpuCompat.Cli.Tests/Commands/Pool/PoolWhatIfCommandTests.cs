using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// <c>pool what-if</c> recomputes: every pool "before" is what <c>pool baseline</c> says of the fleet, and every pool
/// "after" is what <c>pool baseline</c> says of the fleet edited by hand (hosts removed, added, given new CPUs).
/// </summary>
public sealed class PoolWhatIfCommandTests
{
    [Theory]
    [InlineData("west-14,west-15,west-16", "cluster", false)]
    [InlineData("east-01,east-02,east-03,east-04", "cluster", true)]
    [InlineData("amd-17,amd-18,amd-19", null, false)]
    [InlineData("east-09,west-11", "rack", false)]
    public void Removing_hosts_gives_the_pools_of_the_fleet_without_them(string names, string? by, bool policy)
    {
        using var dir = new TempDirectory();
        var removed = names.Split(',');
        var after = TestFleets.WriteFleet(dir, "after.jsonl", TestFleets.Example().Where(h => !removed.Contains(h.Host)));

        AssertRecomputed(dir, TestFleets.ExampleFleet, after, by, policy, "--remove", names);
    }

    [Theory]
    [InlineData("cluster", false)]
    [InlineData("cluster", true)]
    [InlineData(null, false)]
    public void Adding_a_fleet_gives_the_pools_of_the_joined_fleet(string? by, bool policy)
    {
        using var dir = new TempDirectory();
        var all = TestFleets.Example("east-", "west-");
        var joining = all.Where(h => h.Host is "east-09" or "east-10" or "west-14" or "west-15" or "west-16").ToList();
        var before = TestFleets.WriteFleet(dir, "before.jsonl", all.Except(joining));
        var added = TestFleets.WriteFleet(dir, "added.jsonl", joining);
        var after = TestFleets.WriteFleet(dir, "after.jsonl", all.Except(joining).Concat(joining));

        AssertRecomputed(dir, before, after, by, policy, "--add", added);
    }

    [Fact]
    public void Adding_hosts_of_a_new_cluster_makes_a_pool_that_was_not_there_before()
    {
        using var dir = new TempDirectory();
        var before = TestFleets.WriteFleet(dir, "before.jsonl", TestFleets.Example("east-", "west-"));
        var added = TestFleets.WriteFleet(dir, "added.jsonl", TestFleets.Example("amd-"));

        var document = AssertRecomputed(dir, before, TestFleets.ExampleFleet, "cluster", false, "--add", added);
        var amd = document["pools"]!.AsArray().Single(p => (string?)p!["name"] == "amd")!;
        Assert.Null(amd["before"]);
    }

    [Fact]
    public void Replacing_cpus_gives_the_pools_of_the_updated_fleet()
    {
        using var dir = new TempDirectory();
        var fleet = TestFleets.Example();
        var skylake = fleet.Single(h => h.Host == "east-01").Cpu;
        var updated = fleet.Where(h => h.Host is "west-14" or "west-15").Select(h => h with { Cpu = skylake }).ToList();
        var replacement = TestFleets.WriteFleet(dir, "new-cpus.jsonl", updated.Select(h => h with { Labels = new Dictionary<string, string>() }));
        var after = TestFleets.WriteFleet(dir, "after.jsonl", fleet.Select(h => updated.FirstOrDefault(u => u.Host == h.Host) ?? h));

        AssertRecomputed(dir, TestFleets.ExampleFleet, after, "cluster", false, "--replace", replacement);
    }

    [Theory]
    [InlineData("--remove", "east-09,west-11")]
    [InlineData("--replace", "REPLACEMENT")]
    public void After_kinds_name_first_hosts_that_are_members_after_the_change(string change, string value)
    {
        using var dir = new TempDirectory();
        var skylake = TestFleets.Example("east-01").Single().Cpu;
        var replacement = TestFleets.WriteFleet(dir, "new-cpus.jsonl", TestFleets.Example("west-14").Select(h => h with { Cpu = skylake }));
        var result = CliRun.InProcess("pool", "what-if", "--fleet", TestFleets.ExampleFleet, "--by", "rack", change, value == "REPLACEMENT" ? replacement : value, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var pool in TestFleets.ParseJson(result.Stdout)["pools"]!.AsArray())
        {
            if (pool!["after"] is not JsonObject after)
            {
                continue;
            }

            var members = TestFleets.Strings(after["members"]);
            var firstHosts = after["kinds"]!.AsArray().Select(k => (string)k!["first_host"]!).ToList();
            foreach (var kind in after["kinds"]!.AsArray())
            {
                Assert.True(members.Contains((string)kind!["first_host"]!),
                    $"after {change} {value}: pool {pool["name"]}, kind {kind["label"]} names first_host {kind["first_host"]}, not one of its members {string.Join(", ", members)}");
            }

            // A host has one CPU, so it is the first host of one kind at most.
            Assert.True(firstHosts.Distinct().Count() == firstHosts.Count, $"after {change} {value}: pool {pool["name"]} names one host first of two kinds: {after["kinds"]!.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData]
    [InlineData("--remove", "west-14", "--add", "ADDED")]
    public void Exactly_one_change_must_be_given(params string[] change)
    {
        using var dir = new TempDirectory();
        var added = TestFleets.WriteFleet(dir, "added.jsonl", []);
        var result = CliRun.InProcess(["pool", "what-if", "--fleet", TestFleets.ExampleFleet, .. change.Select(c => c == "ADDED" ? added : c)]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Removing_a_host_the_fleet_does_not_have_is_bad_input()
    {
        var result = CliRun.InProcess("pool", "what-if", "--fleet", TestFleets.ExampleFleet, "--remove", "west-14,no-such-host");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no-such-host", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>pool what-if</c> on <paramref name="before"/> with the change and checks each pool's "before" and
    /// "after" against <c>pool baseline --json</c> of <paramref name="before"/> and <paramref name="after"/>; the
    /// files of --output-dir are the "after" baselines. Returns the what-if document.
    /// </summary>
    private static JsonObject AssertRecomputed(TempDirectory dir, string before, string after, string? by, bool policy, params string[] change)
    {
        string[] policies = policy ? [TestFleets.IntelPolicy] : [];
        // A pool without a baseline (vendors that differ) makes pool baseline exit 1; what-if shows it all the same.
        JsonObject Baselines(string fleet) => TestFleets.ParseJson(CliRun.InProcess(["pool", "baseline", .. policies, "--fleet", fleet, .. TestFleets.By(by), "--json"]).Stdout);
        var expectedBefore = Baselines(before);
        var expectedAfter = Baselines(after);
        var result = CliRun.InProcess(["pool", "what-if", .. policies, "--fleet", before, .. TestFleets.By(by), .. change, "--output-dir", dir.File("out"), "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var document = TestFleets.ParseJson(result.Stdout);
        var pools = document["pools"]!.AsArray().Select(p => p!.AsObject()).ToList();

        var names = TestFleets.Pools(expectedBefore).Concat(TestFleets.Pools(expectedAfter)).Select(p => (string)p["name"]!).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(names, pools.Select(p => (string)p["name"]!).Order(StringComparer.Ordinal));
        foreach (var pool in pools)
        {
            var name = (string)pool["name"]!;
            AssertSamePool(TestFleets.Pools(expectedBefore).SingleOrDefault(p => (string?)p["name"] == name), pool["before"], $"{name} before");
            var recomputed = TestFleets.Pools(expectedAfter).SingleOrDefault(p => (string?)p["name"] == name);
            AssertSamePool(recomputed, pool["after"], $"{name} after");
            if (recomputed?["cpu"] is { } cpu)
            {
                Assert.Equal((string)cpu!, File.ReadAllText(dir.File($"out/{name}.xml")));
            }
        }

        Assert.Equal(expectedAfter["fleet"]!["hosts"]!.GetValue<int>(), document["after"]!["hosts"]!.GetValue<int>());
        Assert.Equal(expectedBefore["fleet"]!["hosts"]!.GetValue<int>(), document["before"]!["hosts"]!.GetValue<int>());
        return document;
    }

    private static void AssertSamePool(JsonObject? expected, JsonNode? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: no such pool in pool baseline, but what-if has {actual}");
            return;
        }

        Assert.True(actual is JsonObject, $"{what}: missing in what-if");
        // Everything but the kinds' first_host, which names a host of the kind (see After_kinds_name_first_hosts_that_are_members_after_the_change).
        var expectedPool = WithoutFirstHosts(expected);
        var actualPool = WithoutFirstHosts(actual!.AsObject());
        var keys = new[] { "name", "hosts", "members", "cpu", "error", "model", "abi_level" }.Concat(expectedPool.Select(p => p.Key)).Concat(actualPool.Select(p => p.Key)).Distinct();
        foreach (var key in keys)
        {
            Assert.True(JsonNode.DeepEquals(expectedPool[key], actualPool[key]), $"{what}: '{key}' is {actualPool[key]?.ToJsonString()}, pool baseline says {expectedPool[key]?.ToJsonString()}");
        }
    }

    private static JsonObject WithoutFirstHosts(JsonObject pool)
    {
        var copy = pool.DeepClone().AsObject();
        foreach (var kind in copy["kinds"]?.AsArray() ?? [])
        {
            kind!.AsObject().Remove("first_host");
        }

        return copy;
    }
}
