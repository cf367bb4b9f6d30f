using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

/// <summary>
/// <c>diff OLD NEW</c>: its exit code says whether guests lose something, its text and <c>--json</c> agree, each side is
/// the host CPU <c>convert --to host</c> gives, the guests it says stop are the ones <c>cpu-compare</c> accepts on OLD and
/// refuses on NEW, and bad input is one line on stderr with exit code 2.
/// </summary>
public sealed class DiffCommandTests
{
    private static string Example(string name) => RepositoryRoot.File($"data/examples/{name}");

    private static string Data(string name) => SharedData.TestDataFile("11.3.0", $"x86_64-cpuid-{name}");

    private static JsonObject Json(int exit, params string[] args)
    {
        var result = CliRun.InProcess(["diff", .. args, "--json"]);
        Assert.True(result.ExitCode == exit, result.ToString());
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    [Fact]
    public void The_examples_update_gains_ibpb_and_its_rollback_loses_it()
    {
        var before = Example("epyc-before.xml");
        var after = Example("epyc-after.xml");
        var update = Json(0, before, after);
        var rollback = Json(1, after, before);

        Assert.Equal(Strings(update["features"]!["gained"]), Strings(rollback["features"]!["lost"]));
        Assert.Equal(Strings(update["features"]!["lost"]), Strings(rollback["features"]!["gained"]));
        Assert.False((bool)update["loses"]!);
        Assert.True((bool)rollback["loses"]!);
        Assert.Contains("ibpb", Strings(rollback["security_lost"]));
        Assert.Equal("host", (string)update["old"]!["form"]!);
        Assert.Equal((string)update["model"]!["old"]!, (string)update["old"]!["cpu"]!["model"]!);

        var text = CliRun.InProcess("diff", after, before);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"model: {update["model"]!["new"]} -> {update["model"]!["old"]}\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"features lost:   {string.Join(", ", Strings(rollback["features"]!["lost"]))}\n", text.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("verdict: guests lose something (exit 1)\n", text.Stdout, StringComparison.Ordinal);
        Assert.Empty(text.Stderr);
    }

    [Theory]
    [InlineData("Core-i7-5600U-ibrs.xml", "Core-i7-5600U.xml")]
    [InlineData("EPYC-7601-32-Core-ibpb.xml", "EPYC-7601-32-Core.xml")]
    public void Raw_data_on_each_side_is_the_host_cpu_convert_decodes(string old, string @new)
    {
        var document = Json(1, Data(old), Data(@new));
        foreach (var (side, file) in new[] { ("old", old), ("new", @new) })
        {
            var converted = CliRun.InProcess("convert", Data(file), "--to", "host", "--json");
            var cpu = JsonNode.Parse(converted.Stdout)!.AsObject();
            cpu.Remove("schema_version");
            Assert.Equal(cpu.ToJsonString(), document[side]!["cpu"]!.ToJsonString());
            Assert.Equal("cpudata", (string)document[side]!["format"]!);
        }
    }

    [Fact]
    public void The_guests_that_stop_are_those_cpu_compare_accepts_on_old_and_refuses_on_new()
    {
        using var dir = new TempDirectory();
        var guests = Path.Combine(dir.Path, "guests");
        Directory.CreateDirectory(guests);
        foreach (var name in new[] { "Core-i7-5600U-ibrs", "Core-i7-5600U", "Core-i7-4600U", "Xeon-E5-2623-v4", "Core-i5-2500" })
        {
            File.Copy(Data($"{name}-guest.xml"), Path.Combine(guests, $"{name}.xml"));
        }

        var old = Data("Core-i7-5600U-ibrs-host.xml");
        var @new = Data("Core-i7-5600U-host.xml");
        var document = Json(1, old, @new, "--guests", guests);
        var expected = Directory.EnumerateFiles(guests).Order(StringComparer.Ordinal)
            .Where(g => CliRun.InProcess("cpu-compare", g, "--host", old).ExitCode == 0 && CliRun.InProcess("cpu-compare", g, "--host", @new).ExitCode == 1)
            .Select(Path.GetFileName);
        var stopped = document["guests"]!["stopped"]!.AsArray();
        Assert.Equal(expected, stopped.Select(s => (string)s!["guest"]!));
        Assert.NotEmpty(stopped);
        Assert.Equal(5, (int)document["guests"]!["checked"]!);
        Assert.Equal(Directory.EnumerateFiles(guests).Count(g => CliRun.InProcess("cpu-compare", g, "--host", old).ExitCode == 0), (int)document["guests"]!["ran_before"]!);

        var text = CliRun.InProcess("diff", old, @new, "--guests", guests);
        foreach (var stop in stopped)
        {
            Assert.Contains($"  {stop!["guest"]} would no longer start: {stop["reason"]}", text.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_guests_the_json_says_null_and_the_text_says_nothing_of_them()
    {
        var document = Json(0, Example("epyc-before.xml"), Example("epyc-after.xml"));
        Assert.Null(document["guests"]);
        Assert.True(document.ContainsKey("guests"));
        Assert.DoesNotContain("guests", CliRun.InProcess("diff", Example("epyc-before.xml"), Example("epyc-after.xml")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_baseline_against_another_says_it_compares_guest_forms()
    {
        var result = CliRun.InProcess("diff", Data("Core-i7-5600U-ibrs-guest.xml"), Data("Core-i7-5600U-guest.xml"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"OLD {Data("Core-i7-5600U-ibrs-guest.xml")}: guest CPU (custom) (cpu), Broadwell-IBRS, Intel, ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("security features lost: ", result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "a missing file", ["data/examples/no-such-file.xml", "EX/epyc-after.xml"], "cannot read data/examples/no-such-file.xml" },
        { "several CPUs in one file", ["EX/pool-east.xml", "EX/epyc-after.xml"], "holds 3 CPU definitions" },
        { "a host-passthrough guest", ["TMP/passthrough.xml", "EX/epyc-after.xml"], "host-passthrough guest CPU" },
        { "a host-model guest without a model", ["TMP/host-model.xml", "EX/epyc-after.xml"], "host-model.xml is a host-model guest CPU without a model" },
        { "a CPU of another architecture", ["TMP/power9.xml", "EX/epyc-after.xml"], "power9.xml is a CPU of architecture ppc64: diff compares the feature sets of x86 CPUs" },
        { "guests given as a file", ["EX/epyc-before.xml", "EX/epyc-after.xml", "--guests", "EX/guest.xml"], "is a file; --guests takes a directory" },
        { "an unreadable guest", ["EX/epyc-before.xml", "EX/epyc-after.xml", "--guests", "TMP/guests"], "broken.xml" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_line_on_stderr_and_exit_2(string what, string[] args, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("passthrough.xml", "<domain type='kvm'><name>p</name><cpu mode='host-passthrough'/></domain>");
        dir.Write("host-model.xml", "<domain type='kvm'><name>h</name><cpu mode='host-model'/></domain>");
        dir.Write("power9.xml", "<cpu>\n  <arch>ppc64</arch>\n  <model>POWER9</model>\n  <vendor>IBM</vendor>\n</cpu>\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "guests"));
        dir.Write("guests/broken.xml", "<domain><cpu mode='custom'><model>Broadwell</model>");
        var result = CliRun.InProcess(["diff", .. args.Select(a => a.Replace("EX/", Example(""), StringComparison.Ordinal).Replace("TMP/", dir.Path + "/", StringComparison.Ordinal))]);

        Assert.True(result.ExitCode == 2, $"{what}: {result}");
        Assert.Empty(result.Stdout);
        Assert.Equal(1, result.Stderr.Count(c => c == '\n'));
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void As_a_process_a_loss_exits_1_without_a_trace()
    {
        var result = CliRun.Process("diff", Example("epyc-after.xml"), Example("epyc-before.xml"), "--guests", Example("epyc-guests"));
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Contains("would no longer start", result.Stdout, StringComparison.Ordinal);
    }
}
