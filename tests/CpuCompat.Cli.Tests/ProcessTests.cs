using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>The command line as a real process: exit codes, streams, and no stack trace for a user's mistake.</summary>
public sealed class ProcessTests
{
    [Fact]
    public void Baseline_of_the_example_runs_as_a_process()
    {
        var result = CliRun.Process("cpu-baseline", RepositoryRoot.File("data/examples/pool-east.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<cpu mode='custom' match='exact'>\n", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("cpu-baseline")]
    [InlineData("no-such-command")]
    [InlineData("cpu-compare a.xml")]
    [InlineData("cpu-baseline x.xml --no-such-option")]
    public void Usage_errors_exit_2_with_one_line(string commandLine)
    {
        var result = CliRun.Process(commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("cpucompat: ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Garbage_input_is_one_line_and_no_stack_trace()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("garbage.xml", "\u0000\u0001 this is not xml <<<");
        var result = CliRun.Process("cpu-baseline", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Help_has_an_example_for_every_command()
    {
        foreach (var command in new[]
        {
            "host-model", "cpu-baseline", "cpu-compare", "update-cpu", "feature", "explain", "convert", "capabilities", "topology",
            "virt-check", "domcapabilities", "cpu-models", "hypervisor-cpu-baseline", "hypervisor-cpu-compare", "completion",
            "db import-cpumap", "db check", "db show", "db compile", "db export-cpumap",
        })
        {
            var result = CliRun.InProcess([.. command.Split(' '), "--help"]);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Example:", result.Stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Where there is no CPUID (other architectures; here: x86 with the runtime's hardware intrinsics switched off,
    /// so that the CPUID instruction is reported unsupported), capabilities still answer, with a note instead of a host CPU.
    /// </summary>
    [Fact]
    public void Without_cpuid_capabilities_report_a_note_instead_of_failing()
    {
        var result = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(AppContext.BaseDirectory, "cpucompat.dll"), "capabilities", "--json"],
            environment: new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" });
        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("host").GetProperty("cpu").ValueKind);
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(),
            n => n.GetProperty("source").GetString() == "CPUID" && n.GetProperty("code").GetString() == CpuCompat.Host.HostCodes.NotApplicable);
    }
}
