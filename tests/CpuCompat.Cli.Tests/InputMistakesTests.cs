using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>Inputs that are not what they should be say so in their own words: a directory, an empty fleet.</summary>
public sealed class InputMistakesTests
{
    [Fact]
    public void A_directory_given_as_a_file_is_called_a_directory()
    {
        using var dir = new TempDirectory();
        var result = CliRun.InProcess("cpu-baseline", dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: cannot read {dir.Path}: it is a directory; give a file\n", result.Stderr);
    }

    [Fact]
    public void An_empty_fleet_is_an_error_not_a_fleet_without_pools()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("empty.jsonl", "\n\n");
        Directory.CreateDirectory(dir.File("hosts"));

        var file = CliRun.InProcess("pool", "baseline", "--fleet", empty);
        Assert.Equal(2, file.ExitCode);
        Assert.Equal($"cpucompat: {empty}: the fleet is empty (no hosts)\n", file.Stderr);

        var directory = CliRun.InProcess("pool", "baseline", "--fleet", dir.File("hosts"));
        Assert.Equal(2, directory.ExitCode);
        Assert.Equal($"cpucompat: {dir.File("hosts")} has no hosts\n", directory.Stderr);

        var stdin = CliRun.InProcessWithInput("\n", "pool", "baseline", "--fleet", "-");
        Assert.Equal(2, stdin.ExitCode);
        Assert.Empty(stdin.Stdout);
    }

    [Fact]
    public void Blank_lines_before_the_first_host_are_allowed_and_lines_keep_their_numbers()
    {
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(RepositoryRoot.File("data/examples/fleet.jsonl"));
        var fleet = dir.Write("fleet.jsonl", "\n\n" + string.Join('\n', lines.Take(3)) + "\nnot json\n");
        var result = CliRun.InProcess("pool", "baseline", "--fleet", fleet);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"cpucompat: {fleet}:6: ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99.0.0")]
    [InlineData("12")]
    [InlineData("eleven")]
    public void A_libvirt_version_that_does_not_exist_is_refused(string version)
    {
        var result = CliRun.InProcess("cpu-baseline", RepositoryRoot.File("data/examples/pool-east.xml"), "--libvirt-version", version);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"cpucompat: --libvirt-version: '{version}' is not a supported libvirt version; supported: 9.0.0 (answers for every version before 10.0) and 11.3.0", result.Stderr, StringComparison.Ordinal);
    }
}
