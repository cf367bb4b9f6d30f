using System.Text.Json;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

/// <summary>feature, explain, convert and completion: the commands that explain and transform.</summary>
public sealed class InspectCommandsTests
{
    private static string Data(string name) => SharedData.TestDataFile("11.3.0", name);

    [Fact]
    public void Feature_is_found_under_its_linux_spelling()
    {
        var result = CliRun.InProcess("feature", "sse4_2");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("sse4.2 (x86_64)\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("location:     CPUID leaf 0x1 ECX bit 20", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("requires:     sse4.1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_json_names_msr_bits_over_the_whole_value_and_security_relevance()
    {
        var result = CliRun.InProcess("feature", "vmx-ins-outs", "--json");
        using var doc = JsonDocument.Parse(result.Stdout);
        var location = doc.RootElement.GetProperty("locations")[0];
        Assert.Equal("msr", location.GetProperty("kind").GetString());
        Assert.Equal("0x480", location.GetProperty("index").GetString());
        Assert.Equal(54, location.GetProperty("bits")[0].GetInt32());
        Assert.False(doc.RootElement.GetProperty("security_relevant").GetBoolean());
        Assert.True(JsonDocument.Parse(CliRun.InProcess("feature", "md-clear", "--json").Stdout).RootElement.GetProperty("security_relevant").GetBoolean());
    }

    [Fact]
    public void Unknown_feature_suggests_and_a_foreign_spelling_names_libvirts()
    {
        Assert.Equal("cpucompat: unknown CPU feature 'avx512' — did you mean 'avx512f'?\n", CliRun.InProcess("feature", "avx512").Stderr);
        using var dir = new TempDirectory();
        var guest = dir.Write("guest.xml", "<cpu mode='custom' match='exact'><model>Penryn</model><feature policy='require' name='sse3'/></cpu>");
        var result = CliRun.InProcess("cpu-compare", guest, "--host", Data("x86_64-host.xml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: {guest}: unknown CPU feature 'sse3' — libvirt calls it 'pni'\n", result.Stderr);
    }

    [Fact]
    public void Explain_shows_the_broken_tsx_rule_and_the_signature_decision()
    {
        var result = CliRun.InProcess("explain", "--cpuid", Data("x86_64-cpuid-Core-i5-4670T.xml"), "--guest");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Rule broken-tsx applies", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Chosen: Haswell-noTSX", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Haswell-IBRS +best .* matches the CPU signature", result.Stdout);

        using var doc = JsonDocument.Parse(CliRun.InProcess("explain", "--cpuid", Data("x86_64-cpuid-Core-i5-4670T.xml"), "--json").Stdout);
        Assert.Equal("Haswell-v2", doc.RootElement.GetProperty("chosen").GetString());
        Assert.Equal(["broken-tsx"], doc.RootElement.GetProperty("rules_applied").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_dump_converted_to_cpudata_decodes_to_the_same_cpu()
    {
        var dump = Directory.EnumerateFiles(Path.Combine(SharedData.RequireRoot(), "cpuid-dumps"), "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        using var dir = new TempDirectory();
        var converted = CliRun.InProcess("convert", dump, "--to", "cpudata");
        Assert.Equal(0, converted.ExitCode);
        Assert.StartsWith("<cpudata arch='x86'>\n", converted.Stdout, StringComparison.Ordinal);
        var cpudata = dir.Write("cpu.xml", converted.Stdout);
        Assert.Equal(CliRun.InProcess("host-model", "--cpuid", dump).Stdout, CliRun.InProcess("host-model", "--cpuid", cpudata).Stdout);
        Assert.Equal(CliRun.InProcess("convert", dump, "--to", "host").Stdout, CliRun.InProcess("host-model", "--cpuid", cpudata).Stdout);
    }

    [Fact]
    public void Cpuid_tool_text_round_trips_through_convert()
    {
        using var dir = new TempDirectory();
        var text = dir.Write("cpuid.txt", CliRun.InProcess("convert", Data("x86_64-cpuid-Xeon-Gold-6148.xml"), "--to", "cpuid-tool").Stdout);
        Assert.Equal(File.ReadAllText(Data("x86_64-cpuid-Xeon-Gold-6148-host.xml")), CliRun.InProcess("host-model", "--cpuid", text).Stdout);
    }

    [Fact]
    public void Definitions_cannot_be_converted_to_raw_data()
    {
        var result = CliRun.InProcess("convert", Data("x86_64-host.xml"), "--to", "cpudata");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds CPU definitions, not raw CPUID data", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Forcing_the_wrong_input_format_is_reported()
    {
        var result = CliRun.InProcess("host-model", "--cpuid", Data("x86_64-cpuid-Core-i7-4600U.xml"), "--input-format", "libcpuid");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(Data("x86_64-cpuid-Core-i7-4600U.xml"), result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.InProcess("host-model", "--cpuid", "x", "--input-format", "nonsense").ExitCode);
    }

    [Fact]
    public void Bash_completion_uses_the_suggest_directive()
    {
        var script = CliRun.InProcess("completion", "bash").Stdout;
        Assert.Contains("[suggest:", script, StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _cpucompat_complete cpucompat", script, StringComparison.Ordinal);
        Assert.Equal("cpu-baseline\ncpu-compare\ncpu-models\nhypervisor-cpu-baseline\nhypervisor-cpu-compare\n", CliRun.InProcess("[suggest:4]", "cpu-").Stdout);
    }
}
