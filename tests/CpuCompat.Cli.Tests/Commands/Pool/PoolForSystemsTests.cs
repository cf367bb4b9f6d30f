using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.Core.Cpu;
using CpuCompat.Integrations;
using CpuCompat.Libvirt.Qemu;
using CpuCompat.TestSupport;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// <c>pool baseline --for nova|kubevirt|proxmox</c>: each system reads its snippet back as the pool's baseline — Nova's
/// own configuration parser and guest-CPU code (Debian's python3-nova), a real YAML parser for KubeVirt, Proxmox's file
/// rules for cpu-models.conf — and Nova's guest CPU runs on every member (cpu-compare says identical or superset).
/// </summary>
public sealed partial class PoolForSystemsTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Nova's options (nova.conf.CONF) read the file given; the guest CPU is then built by Nova's libvirt driver itself
    /// (LibvirtDriver._get_guest_cpu_model_config, which maps cpu_models to the host libvirt's model names and turns each
    /// of cpu_model_extra_flags into a feature and its policy), on a stand-in driver whose host knows the models given.
    /// </summary>
    private const string NovaGuest = """
        import json, sys
        import nova.conf
        from nova.virt.libvirt import driver
        conf = nova.conf.CONF
        conf(['--config-file', sys.argv[1]], project='nova', default_config_files=[])
        names = json.loads(sys.argv[3])
        class Host:
            def get_cpu_model_names(self):
                return names
        class Driver:
            def __init__(self):
                self.cpu_models_mapping = {}
                self._host = Host()
            def _get_cpu_info(self):
                return {'arch': sys.argv[2]}
            _get_cpu_model_mapping = driver.LibvirtDriver._get_cpu_model_mapping
            _prepare_cpu_flag = driver.LibvirtDriver._prepare_cpu_flag
        cpu = driver.LibvirtDriver._get_guest_cpu_model_config(Driver(), None, sys.argv[2])
        print(json.dumps({'cpu_mode': conf.libvirt.cpu_mode, 'cpu_models': conf.libvirt.cpu_models,
                          'cpu_model_extra_flags': conf.libvirt.cpu_model_extra_flags, 'guest': cpu.to_xml()}))
        """;

    private static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    private static JsonObject PolicyPools(TempDirectory dir, string system) =>
        TestFleets.RunJson(0, "pool", "baseline", RepositoryRoot.File("data/examples/fleet-policy.ccl"), "--fleet", TestFleets.ExampleFleet,
            "--for", system, "--output-dir", dir.File("out"), "--json");

    /// <summary>A baseline's features, name to policy, from its &lt;cpu&gt; text.</summary>
    private static Dictionary<string, string> Features(string cpu) =>
        XElement.Parse(cpu).Elements("feature").ToDictionary(f => (string)f.Attribute("name")!, f => (string?)f.Attribute("policy") ?? "require");

    private static string Model(string cpu) => XElement.Parse(cpu).Element("model")!.Value;

    [Fact]
    public void Nova_reads_each_snippet_and_builds_the_pools_baseline_as_every_instances_cpu_which_runs_on_every_member()
    {
        Assert.SkipUnless(File.Exists(Python), $"{Python} is missing: the Nova snippets are read by Nova itself (apt-get install python3-nova; .ci/run installs it)");
        using var dir = new TempDirectory();
        var document = PolicyPools(dir, "nova");
        var hosts = TestFleets.WriteCpuFiles(dir, "hosts", TestFleets.Example());
        var models = new JsonArray([.. Compat.Database.For(ArchFamily.X86)!.Models.Select(m => (JsonNode)m.Name)]).ToJsonString();

        var pools = TestFleets.Pools(document);
        Assert.Equal(3, pools.Count);
        foreach (var pool in pools)
        {
            var name = (string)pool["name"]!;
            var cpu = (string)pool["cpu"]!;
            var conf = dir.File($"out/{name}.nova.conf");
            Assert.Equal((string?)pool["nova"]!["text"], File.ReadAllText(conf));

            var run = ChildProcess.Run(Python, ["-c", NovaGuest, conf, "x86_64", models]);
            Assert.SkipWhen(run.Stderr.Contains("No module named 'nova'", StringComparison.Ordinal),
                "Nova is not installed for /usr/bin/python3 (apt-get install python3-nova; .ci/run installs it)");
            Assert.True(run.ExitCode == 0, $"Nova could not read {conf}: {run.Stderr}");
            var nova = TestFleets.ParseJson(run.Stdout);

            Assert.Equal("custom", (string?)nova["cpu_mode"]);
            Assert.Equal([Model(cpu)], TestFleets.Strings(nova["cpu_models"]));
            Assert.Equal(TestFleets.Strings(pool["nova"]!["cpu_model_extra_flags"]), TestFleets.Strings(nova["cpu_model_extra_flags"]));

            // Nova's guest <cpu>: the baseline's model and each of its features with the baseline's policy, nothing else.
            var guest = XElement.Parse((string)nova["guest"]!);
            Assert.Equal("custom", (string?)guest.Attribute("mode"));
            Assert.Equal("exact", (string?)guest.Attribute("match"));
            Assert.Equal(Model(cpu), guest.Element("model")!.Value);
            Assert.Equal(Features(cpu).OrderBy(f => f.Key, StringComparer.Ordinal), Features(guest.ToString()).OrderBy(f => f.Key, StringComparer.Ordinal));

            var guestFile = dir.Write($"nova-guests/{name}.xml", guest.ToString());
            foreach (var member in TestFleets.Strings(pool["members"]))
            {
                var compare = CliRun.InProcess("cpu-compare", guestFile, "--host", hosts[member]);
                Assert.True(compare.ExitCode == 0 && CompareVerdict().IsMatch(compare.Stdout), $"pool {name}: Nova's guest CPU on {member}: {compare}");
            }
        }
    }

    [Fact]
    public void KubeVirt_yaml_reads_back_as_the_baselines_model_and_feature_policies()
    {
        using var dir = new TempDirectory();
        var document = PolicyPools(dir, "kubevirt");
        foreach (var pool in TestFleets.Pools(document))
        {
            var cpu = (string)pool["cpu"]!;
            var yaml = ReadYaml(dir.File($"out/{pool["name"]}.kubevirt.yaml"));
            var spec = Map(Map(Map(Map(Map(yaml[0], "spec"), "template"), "spec"), "domain"), "cpu");
            Assert.Equal(Model(cpu), Scalar(spec, "model"));
            var features = ((YamlSequenceNode)spec.Children[new YamlScalarNode("features")]).Children.Cast<YamlMappingNode>()
                .ToDictionary(f => Scalar(f, "name"), f => Scalar(f, "policy"));
            Assert.Equal(Features(cpu).OrderBy(f => f.Key, StringComparer.Ordinal), features.OrderBy(f => f.Key, StringComparer.Ordinal));
            Assert.Single(yaml); // features on top of the model: no cluster-wide form
            Assert.Null((string?)pool["kubevirt"]!["cluster_cpu_model"]);
        }
    }

    [Fact]
    public void KubeVirt_cluster_form_is_given_where_the_baseline_is_a_model_alone()
    {
        using var dir = new TempDirectory();
        var cpu = "<cpu>\n  <arch>x86_64</arch>\n  <model>Haswell-noTSX-IBRS</model>\n  <vendor>Intel</vendor>\n</cpu>\n";
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl", [new FleetLine("h1", cpu, new Dictionary<string, string>()), new FleetLine("h2", cpu, new Dictionary<string, string>())]);
        var pool = Assert.Single(TestFleets.Pools(TestFleets.RunJson(0, "pool", "baseline", "--fleet", fleet, "--for", "kubevirt", "--output-dir", dir.File("out"), "--json")));

        var yaml = ReadYaml(dir.File($"out/{pool["name"]}.kubevirt.yaml"));
        Assert.Equal(2, yaml.Count);
        var vm = Map(Map(Map(Map(Map(yaml[0], "spec"), "template"), "spec"), "domain"), "cpu");
        Assert.Equal("Haswell-noTSX-IBRS", Scalar(vm, "model"));
        Assert.False(vm.Children.ContainsKey(new YamlScalarNode("features")));
        Assert.Equal("Haswell-noTSX-IBRS", Scalar(Map(Map(yaml[1], "spec"), "configuration"), "cpuModel"));
        Assert.Equal("Haswell-noTSX-IBRS", (string?)pool["kubevirt"]!["cluster_cpu_model"]);
    }

    [Fact]
    public void Proxmox_section_follows_cpu_models_conf_and_names_the_baseline_in_qemus_spelling()
    {
        using var dir = new TempDirectory();
        var document = PolicyPools(dir, "proxmox");
        var x86 = Compat.Database.For(ArchFamily.X86)!;
        foreach (var pool in TestFleets.Pools(document))
        {
            var cpu = (string)pool["cpu"]!;
            var (type, id, properties) = ReadSection(File.ReadAllText(dir.File($"out/{pool["name"]}.proxmox.conf")));
            Assert.Equal("cpu-model", type);
            Assert.Matches(SectionId(), id);
            Assert.Equal((string?)pool["proxmox"]!["name"], id);
            Assert.Subset(new HashSet<string> { "flags", "reported-model", "phys-bits", "hidden", "hv-vendor-id" }, properties.Keys.ToHashSet());
            Assert.Equal(Model(cpu), properties["reported-model"]);
            Assert.True(ProxmoxModels.ReportedModels.Contains(properties["reported-model"]), properties["reported-model"]);
            Assert.Matches(FlagList(), properties["flags"]);

            // Back to libvirt's names: every feature of the baseline with its policy, the ones libvirt drops as required.
            var back = properties["flags"].Split(';').ToDictionary(
                f => x86.FindFeatureOrAlias(QemuNames.ToLibvirt(f[1..]))!.Name,
                f => f[0] == '+' ? "require" : "disable");
            foreach (var dropped in TestFleets.Strings(pool["proxmox"]!["left_out"]))
            {
                Assert.True(QemuDroppedFeatures.Contains(dropped, Compat.Database.Generation), dropped);
                back.Add(dropped, "require");
            }

            Assert.Equal(Features(cpu).OrderBy(f => f.Key, StringComparer.Ordinal), back.OrderBy(f => f.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_pool_a_system_cannot_take_is_named_on_stderr_fails_and_gets_no_file_while_the_others_do()
    {
        using var dir = new TempDirectory();
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl",
        [
            new FleetLine("p1", "<cpu><arch>ppc64</arch><model>POWER9</model><vendor>IBM</vendor></cpu>", new Dictionary<string, string> { ["c"] = "power" }),
            new FleetLine("x1", "<cpu><arch>x86_64</arch><model>core2duo</model><vendor>Intel</vendor></cpu>", new Dictionary<string, string> { ["c"] = "old" }),
        ]);
        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet, "--by", "c", "--for", "nova", "--for", "kubevirt", "--for", "proxmox", "--output-dir", dir.File("out"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
        [
            "cpucompat: KubeVirt cannot express the baseline of pool old exactly: core2duo is one of KubeVirt's obsolete CPU models, which its node labeller offers on no node unless the KubeVirt CR's obsoleteCPUModels leaves it out",
            "cpucompat: Proxmox VE cannot express the baseline of pool power exactly: POWER9 is not one of the QEMU models Proxmox VE takes as reported-model",
        ], result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(["old.nova.conf", "old.proxmox.conf", "old.xml", "power.kubevirt.yaml", "power.nova.conf", "power.xml"], TestFleets.FileNames(dir.File("out")));
        Assert.Contains("\n# Proxmox VE cannot express the baseline of pool power exactly: ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_for_no_system_is_in_the_json_and_the_report_is_unchanged()
    {
        var pool = TestFleets.Pools(TestFleets.PoolBaselineJson(TestFleets.ExampleFleet, "cluster"))[0];
        foreach (var system in TargetSystems.Names)
        {
            Assert.True(pool.ContainsKey(system), system);
            Assert.Null(pool[system]);
        }

        var report = CliRun.InProcess("pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--by", "cluster");
        Assert.DoesNotContain("[libvirt]", report.Stdout, StringComparison.Ordinal);
        Assert.Contains("<cpu mode='custom' match='exact'>", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void What_if_gives_the_new_baselines_for_the_systems()
    {
        using var dir = new TempDirectory();
        var document = TestFleets.RunJson(0, "pool", "what-if", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--add", RepositoryRoot.File("data/examples/new-hosts.jsonl"),
            "--for", "nova", "--output-dir", dir.File("out"), "--json");
        foreach (var pool in document["pools"]!.AsArray().Select(p => p!.AsObject()))
        {
            var after = pool["after"]!;
            Assert.Null(pool["before"]!["nova"]);
            Assert.Equal([Model((string)after["cpu"]!)], TestFleets.Strings(after["nova"]!["cpu_models"]));
            Assert.Equal((string?)after["nova"]!["text"], File.ReadAllText(dir.File($"out/{pool["name"]}.nova.conf")));
        }
    }

    [Fact]
    public void OpenStack_records_in_give_the_snippets_of_the_fleet_they_describe()
    {
        foreach (var system in TargetSystems.Names)
        {
            var fromRecords = CliRun.InProcess("pool", "baseline", "--fleet", RepositoryRoot.File("data/examples/hypervisors.json"), "--by", "aggregate", "--for", system);
            var fromLines = CliRun.InProcess("pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--for", system);
            Assert.True(fromRecords.ExitCode == 0, fromRecords.ToString());
            Assert.Equal(fromLines.Stdout.Split('\n')[1..], fromRecords.Stdout.Split('\n')[1..]);
        }
    }

    [Theory]
    [InlineData("east.nova.conf", "ini")]
    [InlineData("east.kubevirt.yaml", "yaml")]
    [InlineData("east.proxmox.conf", "")]
    public void The_readme_shows_what_the_command_writes_for_pool_east(string file, string language)
    {
        using var dir = new TempDirectory();
        var result = CliRun.InProcess("pool", "baseline", RepositoryRoot.File("data/examples/fleet-policy.ccl"), "--fleet", TestFleets.ExampleFleet,
            "--for", "nova", "--for", "kubevirt", "--for", "proxmox", "--output-dir", dir.File("pools"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var shown = Regex.Match(File.ReadAllText(RepositoryRoot.File("README.md")), $"`pools/{Regex.Escape(file)}`[^\n]*\n(?:[^\n]+\n)*\n```{language}\n(?<text>.*?)```", RegexOptions.Singleline);
        Assert.True(shown.Success, $"README.md shows no pools/{file}");
        Assert.Equal(File.ReadAllText(dir.File($"pools/{file}")), shown.Groups["text"].Value);
    }

    [Fact]
    public void An_unknown_system_is_a_usage_error()
    {
        var result = CliRun.InProcess("pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--for", "vmware");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vmware", result.Stderr, StringComparison.Ordinal);
    }

    private static List<YamlNode> ReadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => d.RootNode)];
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode map, string key) => ((YamlScalarNode)map.Children[new YamlScalarNode(key)]).Value!;

    /// <summary>
    /// One section of a Proxmox section config: comment lines skipped, a header <c>TYPE: ID</c>, then indented
    /// <c>KEY VALUE</c> lines, as Proxmox's own parser reads them.
    /// </summary>
    private static (string Type, string Id, Dictionary<string, string> Properties) ReadSection(string text)
    {
        var lines = text.Split('\n').Where(l => !CommentLine().IsMatch(l) && l.Length > 0).ToList();
        var header = SectionHeader().Match(lines[0]);
        Assert.True(header.Success, lines[0]);
        var properties = new Dictionary<string, string>();
        foreach (var line in lines.Skip(1))
        {
            var property = PropertyLine().Match(line);
            Assert.True(property.Success, line);
            properties.Add(property.Groups[1].Value, property.Groups[3].Value);
        }

        return (header.Groups[1].Value, header.Groups[2].Value, properties);
    }

    [GeneratedRegex(@"^(Host CPU is a superset of CPU described in .*|CPU described in .* is identical to host CPU)\n$")]
    private static partial Regex CompareVerdict();

    [GeneratedRegex(@"^\s*#")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^(\S+):\s*(\S+)\s*$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^\s+(\S+)(\s+(.*\S))?\s*$")]
    private static partial Regex PropertyLine();

    [GeneratedRegex("^[a-z][a-z0-9_-]+$", RegexOptions.IgnoreCase)]
    private static partial Regex SectionId();

    [GeneratedRegex(@"^[+-][a-zA-Z0-9\-_.]+(;[+-][a-zA-Z0-9\-_.]+)*$")]
    private static partial Regex FlagList();
}
