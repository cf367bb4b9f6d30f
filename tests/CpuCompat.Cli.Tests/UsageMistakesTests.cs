using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>
/// Mistyped commands and options get one line that names the mistake and the nearest name, exit 2, and nothing on
/// stdout; an option mistyped where the command takes files is not read as a file.
/// </summary>
public sealed class UsageMistakesTests
{
    [Theory]
    [InlineData("cpu-basline x.xml", "unknown command 'cpu-basline' — did you mean 'cpu-baseline'? (see 'cpucompat --help')")]
    [InlineData("pool baselin --fleet f", "unknown command 'baselin' — did you mean 'baseline'? (see 'cpucompat pool --help')")]
    [InlineData("pool", "'cpucompat pool' needs a command: baseline, what-if, suggest, explain (see 'cpucompat pool --help')")]
    [InlineData("cpu-baseline --featurs EX/pool-east.xml", "unknown option '--featurs' — did you mean '--features'? (see 'cpucompat cpu-baseline --help')")]
    [InlineData("cpu-compare EX/guest.xml --hots EX/host-cpudata.xml", "unknown option '--hots' — did you mean '--host'? (see 'cpucompat cpu-compare --help')")]
    [InlineData("check --fleet EX/fleet.jsonl --gusts EX/guests", "unknown option '--gusts' — did you mean '--guests'? (see 'cpucompat check --help')")]
    public void A_mistake_is_named_with_the_nearest_name(string commandLine, string message)
    {
        var result = CliRun.InProcess(Args(commandLine));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: {message}\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void No_command_lists_the_commands()
    {
        var result = CliRun.InProcess();
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cpucompat: 'cpucompat' needs a command: host-model, cpu-baseline,", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_and_files_named_like_options_are_still_inputs()
    {
        var pool = RepositoryRoot.File("data/examples/pool-east.xml");
        var fromStdin = CliRun.InProcessWithInput(File.ReadAllText(pool), "cpu-baseline", "-");
        Assert.Equal(0, fromStdin.ExitCode);

        using var dir = new TempDirectory();
        File.Copy(pool, dir.File("-odd.xml"));
        var odd = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(AppContext.BaseDirectory, "cpucompat.dll"), "cpu-baseline", "-odd.xml"], dir.Path);
        Assert.True(odd.ExitCode == 0, odd.Stderr);
        Assert.Equal(fromStdin.Stdout, odd.Stdout);
    }

    private static string[] Args(string commandLine) =>
        [.. commandLine.Split(' ').Select(a => a.Replace("EX/", RepositoryRoot.File("data/examples") + "/", StringComparison.Ordinal))];
}
