using System.Text.Json;
using System.Text.Json.Nodes;
using CpuCompat.Output.Schemas;
using CpuCompat.TestSupport;
using Json.Schema;
using Xunit;

namespace CpuCompat.Library.Tests.Output;

/// <summary>
/// Every <c>--json</c> output of the real command line, on bundled example files and the host fixtures, validates
/// against the JSON Schema it names, and every schema is exercised.
/// </summary>
public sealed class SchemaTests
{
    private static readonly string Examples = RepositoryRoot.File("data/examples");

    /// <summary>Every schema, built against one registry so that their cross-references (<c>urn:cpucompat:schema:cpu#/$defs/…</c>) resolve.</summary>
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return SchemaCatalog.Names.ToDictionary(name => name, name => JsonSchema.FromText(SchemaCatalog.Read(name).Value, options));
    });

    private static EvaluationResults Validate(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schemas.Value[schema].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>(schema, command line) pairs: at least one per --json command; paths are filled in by <see cref="Args"/>.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "cpu", "host-model --cpuid EX/host-cpudata.xml --json" },
        { "cpu", "host-model --cpuid EX/host-cpuid.txt --guest --models EX/qemu-models.txt --json" },
        { "cpu", "cpu-baseline EX/pool-east.xml --features --json" },
        { "cpu", "update-cpu EX/domain.xml --host EX/host-cpudata.xml --models EX/qemu-models.txt --json" },
        { "cpu", "convert EX/host-cpuid.txt --to host --json" },
        { "cpu", "hypervisor-cpu-baseline EX/pool-east.xml --cpuid EX/host-cpudata.xml --json" },
        { "compare", "cpu-compare EX/guest.xml --host EX/host-cpudata.xml --json" },
        { "compare", "hypervisor-cpu-compare EX/guest.xml --cpuid EX/host-cpudata.xml --json" },
        { "feature", "feature sse4_2 --json" },
        { "feature", "feature hv-synic --json" },
        { "feature", "feature arch-capabilities --json" },
        { "explain", "explain --cpuid EX/host-cpudata.xml --guest --json" },
        { "db-model", "db show Haswell-v2 --json" },
        { "db-check", "db check REPO/data EX/fleet-policy.ccl --json" },
        { "db-summary", "db compile REPO/data --output TMP/db.ccdb --json" },
        { "db-summary", "db export-cpumap --output TMP/map --json" },
        { "domcapabilities", "domcapabilities --cpuid EX/host-cpudata.xml --json" },
        { "cpu-models", "cpu-models --cpuid EX/host-cpudata.xml --usable --json" },
        { "capabilities", "capabilities --root FIX/intel-2s-selinux --json" },
        { "capabilities", "capabilities --root FIX/amd-1s-apparmor --driver xen --json" },
        { "capabilities", "capabilities --root FIX/container --driver lxc --json" },
        { "topology", "topology --root FIX/intel-2s-selinux --guest EX/domain.xml --json" },
        { "topology", "topology --root FIX/amd-1s-apparmor --json" },
        { "virt-check", "virt-check --root FIX/amd-1s-apparmor --json" },
        { "pool-baseline", "pool baseline EX/fleet-policy.ccl --fleet EX/fleet.jsonl --by cluster --json" },
        { "pool-baseline", "pool baseline --fleet EX/fleet.jsonl --by rack --json" },
        { "pool-baseline", "pool baseline --fleet EX/fleet.jsonl --cross-vendor --json" },
        { "pool-explain", "pool explain EX/fleet-policy.ccl --fleet EX/fleet.jsonl --json" },
        { "pool-explain", "pool explain --fleet EX/fleet.jsonl --cross-vendor --json" },
        { "pool-baseline", "pool baseline --fleet EX/legacy-fleet.jsonl --models EX/qemu-cpu-definitions.json --json" },
        { "diff", "diff EX/epyc-after.xml EX/epyc-before.xml --guests EX/epyc-guests --json" },
        { "diff", "diff EX/host-cpuid.txt EX/guest.xml --json" },
        { "pool-baseline", "pool baseline EX/fleet-policy.ccl --fleet EX/fleet.jsonl --for nova --for kubevirt --for proxmox --json" },
        { "pool-baseline", "pool baseline --fleet EX/hypervisors.json --by aggregate --for proxmox --json" },
        { "pool-what-if", "pool what-if --fleet EX/fleet.jsonl --by cluster --remove west-14,west-15 --guests EX/guests --json" },
        { "pool-what-if", "pool what-if --fleet EX/fleet.jsonl --to-cpu-map /usr/share/libvirt/cpu_map --json" },
        { "pool-what-if", "pool what-if --fleet EX/fleet.jsonl --by cluster --add EX/new-hosts.jsonl --for nova --for kubevirt --json" },
        { "check", "check --fleet EX/fleet.jsonl --by cluster --guests EX/guests --json TMP/check.json" },
        { "pool-suggest", "pool suggest --fleet EX/fleet.jsonl --pools 3 --weights EX/weights.txt --json" },
        { "pool-suggest", "pool suggest EX/fleet-policy.ccl --fleet EX/fleet.jsonl --pools 4 --json" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json_output_validates_against_its_schema(string schema, string commandLine)
    {
        using var temp = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CpuCompat.Cli.Cli.Run(Args(commandLine, temp.Path), output, error);
        Assert.True(exit is 0 or 1, $"exit {exit}: {error}");

        // check writes its report to the file --json names; everything else to standard output.
        var report = Path.Combine(temp.Path, "check.json");
        var result = Validate(schema, File.Exists(report) ? File.ReadAllText(report) : output.ToString());
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void Every_schema_is_exercised_and_declares_its_version()
    {
        var covered = Cases.Select(c => c.Data.Item1).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(SchemaCatalog.Names.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        foreach (var name in SchemaCatalog.Names)
        {
            var schema = JsonNode.Parse(SchemaCatalog.Read(name).Value)!;
            Assert.Equal($"urn:cpucompat:schema:{name}", (string?)schema["$id"]);
        }
    }

    [Fact]
    public void A_pool_a_system_cannot_take_validates_with_its_error_and_no_snippet()
    {
        using var temp = new TempDirectory();
        // POWER9 is no model Proxmox VE reports, and an old core2duo none that KubeVirt offers; Nova takes both.
        var fleet = temp.Write("fleet.jsonl",
            "{\"host\": \"p1\", \"cpu\": \"<cpu><arch>ppc64</arch><model>POWER9</model><vendor>IBM</vendor></cpu>\", \"labels\": {\"c\": \"power\"}}\n"
            + "{\"host\": \"x1\", \"cpu\": \"<cpu><arch>x86_64</arch><model>core2duo</model><vendor>Intel</vendor></cpu>\", \"labels\": {\"c\": \"old\"}}\n");
        var output = new StringWriter();
        var exit = CpuCompat.Cli.Cli.Run(["pool", "baseline", "--fleet", fleet, "--by", "c", "--for", "nova", "--for", "kubevirt", "--for", "proxmox", "--json"], output, new StringWriter());
        Assert.Equal(1, exit);
        var document = JsonNode.Parse(output.ToString())!;
        var pools = document["pools"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!);
        Assert.NotNull((string?)pools["power"]["proxmox"]!["error"]);
        Assert.Null(pools["power"]["proxmox"]!["text"]);
        Assert.NotNull((string?)pools["old"]["kubevirt"]!["error"]);
        Assert.Null((string?)pools["old"]["nova"]!["error"]);
        var result = Validate("pool-baseline", output.ToString());
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void A_schema_rejects_a_document_that_drifts_from_it()
    {
        var output = new StringWriter();
        CpuCompat.Cli.Cli.Run(Args("cpu-compare EX/guest.xml --host EX/host-cpudata.xml --json", ""), output, new StringWriter());
        var document = JsonNode.Parse(output.ToString())!.AsObject();
        Assert.True(Validate("compare", document.ToJsonString()).IsValid);
        document["verdict"] = "renamed";
        Assert.False(Validate("compare", document.ToJsonString()).IsValid);

        var cpuOutput = new StringWriter();
        CpuCompat.Cli.Cli.Run(Args("host-model --cpuid EX/host-cpudata.xml --json", ""), cpuOutput, new StringWriter());
        var cpu = JsonNode.Parse(cpuOutput.ToString())!.AsObject();
        Assert.True(Validate("cpu", cpu.ToJsonString()).IsValid);
        cpu["features"]![0]!["policy"] = "maybe";
        Assert.False(Validate("cpu", cpu.ToJsonString()).IsValid);
        cpu.Remove("features");
        Assert.False(Validate("cpu", cpu.ToJsonString()).IsValid);
        var extra = JsonNode.Parse(cpuOutput.ToString())!.AsObject();
        extra["extra"] = 1;
        Assert.False(Validate("cpu", extra.ToJsonString()).IsValid);
    }

    [Fact]
    public void The_schema_command_prints_each_schema_and_names_them_all()
    {
        var list = new StringWriter();
        Assert.Equal(0, CpuCompat.Cli.Cli.Run(["schema"], list, new StringWriter()));
        Assert.Equal(SchemaCatalog.Names, list.ToString().TrimEnd('\n').Split('\n'));

        var cpu = new StringWriter();
        Assert.Equal(0, CpuCompat.Cli.Cli.Run(["schema", "cpu"], cpu, new StringWriter()));
        Assert.Equal(SchemaCatalog.Read("cpu").Value, cpu.ToString());
        JsonDocument.Parse(cpu.ToString()).Dispose();

        var error = new StringWriter();
        Assert.Equal(2, CpuCompat.Cli.Cli.Run(["schema", "cpus"], new StringWriter(), error));
        Assert.Contains("did you mean 'cpu'", error.ToString(), StringComparison.Ordinal);
    }

    private static string[] Args(string commandLine, string temp) => [.. commandLine.Split(' ').Select(a => a
        .Replace("EX/", Examples + "/", StringComparison.Ordinal)
        .Replace("REPO/", RepositoryRoot.Path + "/", StringComparison.Ordinal)
        .Replace("FIX/", RepositoryRoot.File("tests/CpuCompat.Host.Tests/Fixtures") + "/", StringComparison.Ordinal)
        .Replace("TMP/", temp + "/", StringComparison.Ordinal))];
}
