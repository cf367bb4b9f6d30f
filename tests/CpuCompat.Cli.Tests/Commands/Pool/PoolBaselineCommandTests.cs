using System.Text.RegularExpressions;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// <c>pool baseline</c>: without a policy a pool's baseline is exactly <c>cpu-baseline</c> of its hosts (checked against
/// <c>cpu-baseline</c> run on the hosts' CPUs written out as files), and its <c>--json</c> and <c>--output-dir</c> agree.
/// </summary>
public sealed partial class PoolBaselineCommandTests
{
    [Fact]
    public void Whole_fleet_baseline_is_cpu_baseline_of_one_file_listing_the_hosts_cpus()
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example("east-");
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl", hosts);
        var list = dir.Write("hosts.xml", string.Concat(hosts.Select(h => h.Cpu + "\n")));
        var expected = TestFleets.CpuBaseline([list]);

        var document = TestFleets.RunJson(0, "pool", "baseline", "--fleet", fleet, "--output-dir", dir.File("out"), "--json");
        var pool = Assert.Single(TestFleets.Pools(document));
        Assert.Equal(expected, (string?)pool["cpu"]);
        Assert.Equal(expected, File.ReadAllText(dir.File($"out/{pool["name"]}.xml")));
    }

    [Fact]
    public void Whole_fleet_of_xml_and_raw_cpuid_hosts_is_cpu_baseline_of_the_hosts_files()
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example("east-", "west-"); // one vendor; west-11..13 are `cpuid -r` dumps
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl", hosts);
        var expected = TestFleets.CpuBaseline(TestFleets.WriteCpuFiles(dir, "hosts", hosts).Values);

        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet, "--output-dir", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Assert.Single(TestFleets.FileNames(dir.File("out")));
        Assert.Equal(expected, File.ReadAllText(dir.File($"out/{file}")));
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("rack")]
    public void By_label_each_pool_is_cpu_baseline_of_exactly_the_hosts_with_that_value(string label)
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example();
        var files = TestFleets.WriteCpuFiles(dir, "hosts", hosts);
        var document = TestFleets.RunJson(0, "pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--by", label, "--output-dir", dir.File("out"), "--json");

        var values = hosts.Select(h => h.Label(label)!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(values, TestFleets.Pools(document).Select(p => (string)p["name"]!).Order(StringComparer.Ordinal));
        foreach (var value in values)
        {
            var pool = TestFleets.Pool(document, value);
            var members = hosts.Where(h => h.Label(label) == value).Select(h => h.Host).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(members, TestFleets.Strings(pool["members"]).Order(StringComparer.Ordinal));
            var expected = TestFleets.CpuBaselineOf(files, members);
            Assert.Equal(expected, (string?)pool["cpu"]);
            Assert.Equal(expected, File.ReadAllText(dir.File($"out/{value}.xml")));
        }
    }

    [Fact]
    public void Json_document_has_the_documented_shape_and_its_cpu_is_what_output_dir_wrote()
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example();
        var document = TestFleets.RunJson(0, "pool", "baseline", TestFleets.IntelPolicy, "--fleet", TestFleets.ExampleFleet, "--by", "cluster",
            "--output-dir", dir.File("out"), "--json");

        Assert.True(document["schema_version"]!.GetValue<int>() >= 1, document.ToJsonString());
        var pools = TestFleets.Pools(document);
        Assert.NotEmpty(pools);
        Assert.Equal(pools.Select(p => $"{p["name"]}.xml").Order(StringComparer.Ordinal), TestFleets.FileNames(dir.File("out")));
        var allMembers = new List<string>();
        foreach (var pool in pools)
        {
            var name = Assert.IsType<string>((string?)pool["name"]);
            var members = TestFleets.Strings(pool["members"]);
            Assert.Equal(members.Count, pool["hosts"]!.GetValue<int>());
            Assert.Equal(members.Count, members.Distinct().Count());
            Assert.All(members, m => Assert.Contains(hosts, h => h.Host == m));
            allMembers.AddRange(members);

            var cpu = Assert.IsType<string>((string?)pool["cpu"]);
            Assert.StartsWith("<cpu mode='custom' match='exact'>", cpu, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(dir.File($"out/{name}.xml")), cpu);
            Assert.Matches(AbiLevel(), (string?)pool["abi_level"]);
        }

        // The policy's one pool takes the Intel hosts, split by cluster: each Intel host is in one pool, no AMD host is.
        Assert.Equal(hosts.Where(h => !h.Host.StartsWith("amd-", StringComparison.Ordinal)).Select(h => h.Host).Order(StringComparer.Ordinal),
            allMembers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Abi_level_is_null_off_x86_and_the_baseline_is_still_cpu_baseline()
    {
        using var dir = new TempDirectory();
        const string power9 = "<cpu>\n  <arch>ppc64</arch>\n  <model>POWER9</model>\n  <vendor>IBM</vendor>\n</cpu>\n";
        var hosts = new[] { new FleetLine("p9-1", power9, new Dictionary<string, string>()), new FleetLine("p9-2", power9, new Dictionary<string, string>()) };
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl", hosts);
        var expected = TestFleets.CpuBaseline(TestFleets.WriteCpuFiles(dir, "hosts", hosts).Values);

        var pool = Assert.Single(TestFleets.Pools(TestFleets.PoolBaselineJson(fleet)));
        Assert.Equal(expected, (string?)pool["cpu"]);
        Assert.True(pool.ContainsKey("abi_level"), pool.ToJsonString());
        Assert.Null(pool["abi_level"]);
    }

    [Fact]
    public void Every_kind_of_a_pool_names_a_first_host_that_is_a_member_of_that_pool()
    {
        // Identical CPUs split over two pools: each pool's kinds must point at its own hosts.
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example("east-").Select(h => h.WithLabel("half", int.Parse(h.Host[^2..]) % 2 == 0 ? "even" : "odd")).ToList();
        var document = TestFleets.PoolBaselineJson(TestFleets.WriteFleet(dir, "fleet.jsonl", hosts), "half");

        Assert.Equal(2, TestFleets.Pools(document).Count);
        foreach (var pool in TestFleets.Pools(document))
        {
            var members = TestFleets.Strings(pool["members"]);
            foreach (var kind in pool["kinds"]!.AsArray())
            {
                Assert.True(members.Contains((string)kind!["first_host"]!), $"pool {pool["name"]}: kind {kind["label"]} names first_host {kind["first_host"]}, not one of {string.Join(", ", members)}");
            }
        }
    }

    [Fact]
    public void Header_counts_one_host_of_one_kind_in_the_singular()
    {
        using var dir = new TempDirectory();
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl", TestFleets.Example("east-01"));
        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"1 host of 1 kind from {fleet}", result.Stdout.Split('\n')[0]);
    }

    [GeneratedRegex("^x86-64-v[1-4]$")]
    private static partial Regex AbiLevel();
}
