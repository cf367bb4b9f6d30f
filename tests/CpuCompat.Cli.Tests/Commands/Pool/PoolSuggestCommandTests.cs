using System.Globalization;
using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// <c>pool suggest</c>: every host of the fleet in one pool, each pool's baseline exactly <c>cpu-baseline</c> of its
/// members' CPU files (what <c>--output-dir</c> writes and <c>--json</c> says), the objective figures consistent
/// with the pools, the same answer in any order of the input, and every mistake one line with exit code 2.
/// </summary>
public sealed class PoolSuggestCommandTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Every_host_is_in_one_pool_whose_cpu_is_cpu_baseline_of_its_members_and_what_output_dir_wrote(int k)
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example();
        var files = TestFleets.WriteCpuFiles(dir, "hosts", hosts);
        var document = TestFleets.RunJson(0, "pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", $"{k}", "--output-dir", dir.File("out"), "--json");

        var pools = TestFleets.Pools(document);
        Assert.InRange(pools.Count, 1, k);
        Assert.Equal(pools.Select(p => $"{p["name"]}.xml").Order(StringComparer.Ordinal), TestFleets.FileNames(dir.File("out")));
        Assert.Equal(hosts.Select(h => h.Host).Order(StringComparer.Ordinal), pools.SelectMany(p => TestFleets.Strings(p["members"])).Order(StringComparer.Ordinal));
        foreach (var pool in pools)
        {
            var members = TestFleets.Strings(pool["members"]);
            Assert.Equal(members.Count, pool["hosts"]!.GetValue<int>());
            var expected = TestFleets.CpuBaselineOf(files, members);
            Assert.Equal(expected, (string?)pool["cpu"]);
            Assert.Equal(expected, File.ReadAllText(dir.File($"out/{pool["name"]}.xml")));
        }

        // The objective is the pools' values, each its features times its hosts; never below one pool per vendor.
        var objective = document["objective"]!.AsObject();
        var values = objective["pools"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal(pools.Select(p => (string?)p["name"]), values.Select(v => (string?)v["name"]));
        foreach (var (pool, value) in pools.Zip(values))
        {
            Assert.Equal(value["features"]!.GetValue<long>() * pool["hosts"]!.GetValue<long>(), value["value"]!.GetValue<long>());
        }

        Assert.Equal(values.Sum(v => v["value"]!.GetValue<long>()), objective["value"]!.GetValue<long>());
        Assert.True(objective["value"]!.GetValue<long>() >= objective["one_pool"]!.GetValue<long>());
        Assert.True(objective["value"]!.GetValue<long>() >= objective["greedy"]!.GetValue<long>());
        Assert.Equal(k, document["pools_asked"]!.GetValue<int>());
    }

    [Fact]
    public void Text_names_the_objective_and_each_pool_with_its_members_and_what_holds_it_back()
    {
        var result = CliRun.InProcess("pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", "3");
        Assert.True(result.ExitCode == 0, result.ToString());
        var document = TestFleets.RunJson(0, "pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", "3", "--json");
        var lines = result.Stdout.Split('\n');
        Assert.Equal($"19 hosts of 6 kinds from {TestFleets.ExampleFleet}", lines[0]);
        var value = document["objective"]!["value"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture);
        Assert.Matches($"^3 pools of at most 3, by .+: guests keep {value} features, summed over hosts$", lines[1]);
        foreach (var pool in TestFleets.Pools(document))
        {
            Assert.Contains(lines, l => l.StartsWith($"  {pool["name"]} ", StringComparison.Ordinal) && l.Contains($" {pool["model"]} ", StringComparison.Ordinal));
            Assert.Contains($"pool {pool["name"]}: {pool["hosts"]} hosts", result.Stdout, StringComparison.Ordinal);
            foreach (var cost in pool["held_back_by"]!.AsArray())
            {
                Assert.Contains($"held back: the {cost!["hosts"]} hosts of {cost["label"]} cost", result.Stdout, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_answer_is_the_same_whatever_the_order_of_the_input()
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example();
        var expected = Answer(TestFleets.WriteFleet(dir, "a/fleet.jsonl", hosts));
        for (var seed = 1; seed <= 5; seed++)
        {
            Assert.Equal(expected, Answer(TestFleets.WriteFleet(dir, $"{seed}/fleet.jsonl", TestFleets.Shuffle(hosts, seed))));
        }

        static string Answer(string fleet)
        {
            var document = TestFleets.RunJson(0, "pool", "suggest", "--fleet", fleet, "--pools", "4", "--json");
            document.Remove("fleet");
            return document.ToJsonString();
        }
    }

    [Fact]
    public void Weights_change_what_is_summed_and_are_reported()
    {
        using var dir = new TempDirectory();
        var weights = dir.Write("w.txt", "default 0\navx512f 1\n");
        var document = TestFleets.RunJson(0, "pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", "4", "--weights", weights, "--json");
        Assert.Equal(weights, (string?)document["weights"]);

        // Only avx512f counts: each pool is worth its hosts when its baseline offers it, else nothing.
        // Whether a baseline offers it is asked of the library, which lists the features of a <cpu> with its model's.
        var compat = CpuCompatibility.OpenBuiltIn();
        var avx512f = compat.Database.X86!.FindFeature("avx512f")!.Id;
        var values = document["objective"]!["pools"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!["value"]!.GetValue<long>());
        Assert.Contains(values.Values, v => v > 0);
        foreach (var pool in TestFleets.Pools(document))
        {
            var cpu = compat.ReadCpus((string)pool["cpu"]!, "pool").Value.Single();
            var offers = compat.Engine.FeaturesOf(cpu).Value.Contains(avx512f);
            Assert.Equal(offers ? pool["hosts"]!.GetValue<long>() : 0, values[(string)pool["name"]!]);
        }

        var text = CliRun.InProcess("pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", "4", "--weights", weights);
        Assert.Contains($"weighted features ({weights})", text.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pools 0", "cpucompat: --pools takes a whole number of at least 1, not 0")]
    [InlineData("--pools -2", "cpucompat: --pools takes a whole number of at least 1, not -2")]
    [InlineData("--pools 1", "cpucompat: at most 1 pool cannot hold this fleet: a pool takes the hosts of one vendor and architecture, and the fleet has 2 such groups (AMD x86_64, Intel x86_64); ask for 2 pools or more")]
    [InlineData("--pools 3 --weights TMP/w.txt", "cpucompat: TMP/w.txt:2: no feature named 'avx5l2f' — did you mean 'avx512f'?")]
    [InlineData("--pools 3 --weights TMP/none.txt", "cpucompat: cannot read the weights file TMP/none.txt: no such file")]
    public void A_mistake_is_one_line_exit_2_and_nothing_written(string options, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("w.txt", "avx2 2\navx5l2f 3\n");
        var args = options.Replace("TMP/", dir.Path + "/", StringComparison.Ordinal).Split(' ');
        var result = CliRun.InProcess(["pool", "suggest", "--fleet", TestFleets.ExampleFleet, .. args, "--output-dir", dir.File("out")]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(message.Replace("TMP/", dir.Path + "/", StringComparison.Ordinal) + "\n", result.Stderr);
        Assert.Empty(result.Stdout);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_pool_count_that_is_no_number_is_a_usage_error()
    {
        var result = CliRun.InProcess("pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", "three");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("--pools", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_policy_its_pools_are_split_on_their_own_and_keep_their_names_when_whole()
    {
        var document = TestFleets.RunJson(0, "pool", "suggest", RepositoryRoot.File("data/examples/fleet-policy.ccl"), "--fleet", TestFleets.ExampleFleet, "--pools", "4", "--json");
        var names = TestFleets.Pools(document).Select(p => (string)p["name"]!).ToList();
        Assert.Equal(4, names.Count);
        Assert.Contains("amd", names);
        Assert.All(names, n => Assert.Matches("^(east|intel-rest|amd)(-[0-9]+)?$", n));
        Assert.All(TestFleets.Pools(document).Where(p => ((string)p["name"]!).StartsWith("east", StringComparison.Ordinal)),
            p => Assert.Contains("<feature policy='disable' name='hle'/>", (string)p["cpu"]!, StringComparison.Ordinal));
        Assert.Empty(document["unplaced"]!.AsArray());
        var json = (JsonArray)document["left_out"]!;
        Assert.All(json, e => Assert.Equal("east", (string?)e!["pool"]));
    }
}
