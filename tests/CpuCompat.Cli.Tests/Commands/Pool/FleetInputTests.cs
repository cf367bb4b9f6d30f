using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// The forms a fleet comes in besides a JSON Lines file: standard input (<c>--fleet -</c>), a directory tree of one
/// CPU file per host with its labels in a CSV, and a Kubernetes node list labelled by KubeVirt. Each gives the pools
/// (and baselines) that the same hosts give as a file, or that <c>cpu-baseline</c> gives for the same CPUs.
/// </summary>
public sealed class FleetInputTests
{
    [Fact]
    public void Standard_input_gives_the_same_pools_as_the_file()
    {
        string[] args = ["pool", "baseline", TestFleets.IntelPolicy, "--by", "cluster", "--json", "--fleet"];
        var fromFile = TestFleets.RunJson(0, [.. args, TestFleets.ExampleFleet]);
        var result = CliRun.InProcessWithInput(File.ReadAllText(TestFleets.ExampleFleet), [.. args, "-"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var fromStdin = TestFleets.ParseJson(result.Stdout);

        Assert.Equal("<stdin>", (string?)fromStdin["fleet"]!["source"]);
        Assert.Equal(fromFile["fleet"]!["hosts"]!.GetValue<int>(), fromStdin["fleet"]!["hosts"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(fromFile["pools"], fromStdin["pools"]), $"file:\n{fromFile["pools"]}\nstdin:\n{fromStdin["pools"]}");
    }

    [Fact]
    public void Standard_input_gives_the_same_text_and_check_verdicts_as_the_file()
    {
        // The text names its source on the first line only.
        static string Body(string text) => text[(text.IndexOf('\n') + 1)..];
        var fromFile = CliRun.InProcess("pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--by", "cluster");
        var fromStdin = CliRun.InProcessWithInput(File.ReadAllText(TestFleets.ExampleFleet), "pool", "baseline", "--fleet", "-", "--by", "cluster");
        Assert.Equal((0, Body(fromFile.Stdout)), (fromStdin.ExitCode, Body(fromStdin.Stdout)));
        Assert.EndsWith(" from <stdin>", fromStdin.Stdout.Split('\n')[0], StringComparison.Ordinal);

        var checkFile = CliRun.InProcess("check", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--guests", TestFleets.ExampleGuests);
        var checkStdin = CliRun.InProcessWithInput(File.ReadAllText(TestFleets.ExampleFleet), "check", "--fleet", "-", "--by", "cluster", "--guests", TestFleets.ExampleGuests);
        Assert.Equal((checkFile.ExitCode, checkFile.Stdout), (checkStdin.ExitCode, checkStdin.Stdout));
    }

    [Fact]
    public void Identical_cpus_are_one_kind_however_their_json_string_is_escaped()
    {
        // The same CPU text, once as Python writes it and once with <, > and ' escaped as Go's encoding/json writes them.
        using var dir = new TempDirectory();
        var cpu = TestFleets.Example("east-01").Single().Cpu;
        var plain = new FleetLine("plain", cpu, new Dictionary<string, string>()).ToJson();
        var escaped = new JsonObject { ["host"] = "escaped", ["cpu"] = cpu }.ToJsonString(); // System.Text.Json's default escapes them too
        Assert.Contains("\\u003C", escaped, StringComparison.Ordinal);
        var fleet = dir.Write("fleet.jsonl", plain + "\n" + escaped + "\n");

        var document = TestFleets.PoolBaselineJson(fleet);
        Assert.Equal(1, document["fleet"]!["kinds"]!.GetValue<int>());
        var kind = Assert.Single(Assert.Single(TestFleets.Pools(document))["kinds"]!.AsArray());
        Assert.Equal(2, kind!["hosts"]!.GetValue<int>());
    }

    /// <summary>Five example hosts as a tree; labels.csv names them with and without the file's extension.</summary>
    private static (string Dir, Dictionary<string, string> Files) WriteDirectoryFleet(TempDirectory scratch)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, path) in new[] { ("east-01", "e1/east-01.xml"), ("east-05", "e2/east-05.xml"), ("east-09", "e2/east-09.xml"), ("west-11", "w1/west-11.txt"), ("west-14", "w2/west-14.xml") })
        {
            files[Path.ChangeExtension(path, null)] = scratch.Write($"fleet/{path}", TestFleets.Example(name).Single().Cpu);
        }

        scratch.Write("fleet/labels.csv", "host,cluster,tier\ne1/east-01,east,gold\ne2/east-05.xml,east,silver\ne2/east-09,east,gold\nw1/west-11.txt,west,gold\nw2/west-14,west,silver\n");
        return (scratch.File("fleet"), files);
    }

    [Fact]
    public void Directory_fleet_names_hosts_by_relative_path_and_takes_labels_from_labels_csv()
    {
        using var scratch = new TempDirectory();
        var (dir, files) = WriteDirectoryFleet(scratch);
        var document = TestFleets.PoolBaselineJson(dir, "cluster");

        Assert.Equal(5, document["fleet"]!["hosts"]!.GetValue<int>());
        Assert.Equal(["east", "west"], TestFleets.Pools(document).Select(p => (string)p["name"]!).Order(StringComparer.Ordinal));
        foreach (var (cluster, members) in new[] { ("east", new[] { "e1/east-01", "e2/east-05", "e2/east-09" }), ("west", new[] { "w1/west-11", "w2/west-14" }) })
        {
            var pool = TestFleets.Pool(document, cluster);
            Assert.Equal(members, TestFleets.Strings(pool["members"]).Order(StringComparer.Ordinal));
            Assert.Equal(TestFleets.CpuBaselineOf(files, members), (string?)pool["cpu"]);
        }
    }

    [Fact]
    public void Labels_option_takes_a_csv_from_elsewhere_instead_of_labels_csv()
    {
        using var scratch = new TempDirectory();
        var (dir, files) = WriteDirectoryFleet(scratch);
        var csv = scratch.Write("racks.csv", "host,room\ne1/east-01,a\ne2/east-05,b\ne2/east-09,b\nw1/west-11,a\nw2/west-14,b\n");
        var document = TestFleets.RunJson(0, "pool", "baseline", "--fleet", dir, "--labels", csv, "--by", "room", "--json");

        Assert.Equal(5, document["fleet"]!["hosts"]!.GetValue<int>()); // labels.csv, unused now, is still no host
        foreach (var (room, members) in new[] { ("a", new[] { "e1/east-01", "w1/west-11" }), ("b", new[] { "e2/east-05", "e2/east-09", "w2/west-14" }) })
        {
            var pool = TestFleets.Pool(document, room);
            Assert.Equal(members, TestFleets.Strings(pool["members"]).Order(StringComparer.Ordinal));
            Assert.Equal(TestFleets.CpuBaselineOf(files, members), (string?)pool["cpu"]);
        }
    }

    [Fact]
    public void Labels_csv_naming_a_host_without_a_file_is_a_problem_like_a_bad_line()
    {
        using var scratch = new TempDirectory();
        var (dir, _) = WriteDirectoryFleet(scratch);
        File.AppendAllText(Path.Combine(dir, "labels.csv"), "w2/west-99,west,gold\n");

        var result = CliRun.InProcess("pool", "baseline", "--fleet", dir, "--by", "cluster");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"cpucompat: {dir}: host w2/west-99: ", result.Stderr, StringComparison.Ordinal);

        var kept = CliRun.InProcess("pool", "baseline", "--fleet", dir, "--by", "cluster", "--keep-going");
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Contains($"cpucompat: left out: {dir}: host w2/west-99: ", kept.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A node as <c>kubectl get nodes -o json</c> shows it once KubeVirt's node labeller has run.</summary>
    private static JsonObject Node(string name, string zone, string model, params string[] features)
    {
        var labels = new JsonObject
        {
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["topology.kubernetes.io/zone"] = zone,
            ["cpu-vendor.node.kubevirt.io/Intel"] = "true",
            [$"host-model-cpu.node.kubevirt.io/{model}"] = "true",
            [$"cpu-model.node.kubevirt.io/{model}"] = "true",
        };
        foreach (var feature in features)
        {
            labels[$"host-model-required-features.node.kubevirt.io/{feature}"] = "true";
            labels[$"cpu-feature.node.kubevirt.io/{feature}"] = "true";
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels } };
    }

    [Fact]
    public void Kubernetes_node_list_gives_the_baseline_of_the_nodes_host_models()
    {
        using var scratch = new TempDirectory();
        (string Name, string Zone, string Model, string[] Features)[] nodes =
        [
            ("node-a", "z1", "Skylake-Server-IBRS", ["avx512f", "ssbd", "md-clear", "pdpe1gb"]),
            ("node-b", "z1", "Haswell-noTSX", ["ssbd", "md-clear"]),
            ("node-c", "z2", "Skylake-Server-IBRS", ["avx512f", "ssbd"]),
        ];
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray([.. nodes.Select(n => (JsonNode)Node(n.Name, n.Zone, n.Model, n.Features))]),
            ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
        };
        var fleet = scratch.Write("nodes.json", list.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        // The same host-models written by hand as host <cpu> definitions, one file per node.
        var files = nodes.ToDictionary(n => n.Name, n => HostCpuFile(scratch, n.Name, n.Model, n.Features));

        var whole = Assert.Single(TestFleets.Pools(TestFleets.PoolBaselineJson(fleet)));
        Assert.Equal(["node-a", "node-b", "node-c"], TestFleets.Strings(whole["members"]).Order(StringComparer.Ordinal));
        Assert.Equal(TestFleets.CpuBaselineOf(files, files.Keys), (string?)whole["cpu"]);

        var byZone = TestFleets.PoolBaselineJson(fleet, "topology.kubernetes.io/zone");
        Assert.Equal(TestFleets.CpuBaselineOf(files, ["node-a", "node-b"]), (string?)TestFleets.Pool(byZone, "z1")["cpu"]);
        Assert.Equal(TestFleets.CpuBaselineOf(files, ["node-c"]), (string?)TestFleets.Pool(byZone, "z2")["cpu"]);
    }

    [Fact]
    public void OpenStack_hypervisor_records_give_the_baseline_of_the_hosts_cpu_info_by_aggregate()
    {
        using var scratch = new TempDirectory();
        (string Name, string Aggregate, string Model, string[] Features)[] hosts =
        [
            ("cmp-1", "fast", "Skylake-Server-IBRS", ["avx512f", "ssbd", "md-clear", "pdpe1gb"]),
            ("cmp-2", "fast", "Cascadelake-Server", ["ssbd", "pdpe1gb"]),
            ("cmp-3", "slow", "Haswell-noTSX", ["ssbd", "md-clear"]),
        ];
        // os-hypervisors/detail before microversion 2.28: cpu_info is JSON text inside the record.
        var records = new JsonArray([.. hosts.Select(h => (JsonNode)new JsonObject
        {
            ["hypervisor_hostname"] = h.Name,
            ["hypervisor_type"] = "QEMU",
            ["aggregates"] = new JsonArray(h.Aggregate),
            ["cpu_info"] = new JsonObject { ["arch"] = "x86_64", ["model"] = h.Model, ["vendor"] = "Intel", ["features"] = new JsonArray([.. h.Features.Reverse().Select(f => (JsonNode)f)]) }.ToJsonString(),
        })]);
        var fleet = scratch.Write("hypervisors.json", new JsonObject { ["hypervisors"] = records }.ToJsonString());
        var files = hosts.ToDictionary(h => h.Name, h => HostCpuFile(scratch, h.Name, h.Model, h.Features));

        var byAggregate = TestFleets.PoolBaselineJson(fleet, "aggregate");
        Assert.Equal(TestFleets.CpuBaselineOf(files, ["cmp-1", "cmp-2"]), (string?)TestFleets.Pool(byAggregate, "fast")["cpu"]);
        Assert.Equal(TestFleets.CpuBaselineOf(files, ["cmp-3"]), (string?)TestFleets.Pool(byAggregate, "slow")["cpu"]);
    }

    [Fact]
    public void Unreadable_openstack_records_are_one_line_each_and_broken_json_one_line_with_exit_2()
    {
        using var scratch = new TempDirectory();
        var fleet = scratch.Write("hv.json", "[\n  {\"hypervisor_hostname\": \"a\", \"cpu_info\": \"baremetal cpu\"},\n  {\"hypervisor_hostname\": \"b\"}\n]\n");
        var bad = CliRun.Process("pool", "baseline", "--fleet", fleet);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(
        [
            $"cpucompat: {fleet}:2: host a: cpu_info is not the JSON of a libvirt host CPU: \"baremetal cpu\"",
            $"cpucompat: {fleet}:3: host b: the record has no cpu_info: the compute API leaves it out from microversion 2.88 on (ask with --os-compute-api-version 2.87)",
            $"cpucompat: 2 hosts of {fleet} cannot be read; nothing was written (--keep-going leaves them out)",
        ], bad.Stderr.TrimEnd('\n').Split('\n'));

        var broken = scratch.Write("broken.json", "{\"hypervisors\": [\n  {\"hypervisor_hostname\": \"a\",\n");
        var result = CliRun.Process("pool", "baseline", "--fleet", broken);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"cpucompat: {broken}:", line, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", line, StringComparison.Ordinal);
    }

    /// <summary>A host's CPU written by hand as the host <c>&lt;cpu&gt;</c> libvirt would report (an Intel model and its extra features): <c>cpus/NAME.xml</c>.</summary>
    private static string HostCpuFile(TempDirectory dir, string name, string model, IEnumerable<string> features) => dir.Write($"cpus/{name}.xml",
        $"<cpu>\n  <arch>x86_64</arch>\n  <model>{model}</model>\n  <vendor>Intel</vendor>\n{string.Concat(features.Order(StringComparer.Ordinal).Select(f => $"  <feature name='{f}'/>\n"))}</cpu>\n");
}
