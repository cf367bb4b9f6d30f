using System.Diagnostics;
using System.Runtime.Versioning;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>
/// Every command that writes files, run twice into the same place: the second run without --force refuses in one line
/// and changes nothing; with --force it replaces. Devices are written into, and Ctrl-C leaves nothing behind.
/// </summary>
public sealed class OutputSafetyTests
{
    private static readonly string Fleet = RepositoryRoot.File("data/examples/fleet.jsonl");

    /// <summary>Each writing command, with OUT standing for its file or directory.</summary>
    public static TheoryData<string, string[]> Writers => new()
    {
        { "db compile", ["db", "compile", RepositoryRoot.File("data"), "--output", "OUT"] },
        { "db export-cpumap", ["db", "export-cpumap", "--output", "OUT"] },
        { "host-model --output-dir", ["host-model", "--cpuid", RepositoryRoot.File("data/examples/host-cpuid.txt"), RepositoryRoot.File("data/examples/host-cpudata.xml"), "--output-dir", "OUT"] },
        { "pool baseline --output-dir", ["pool", "baseline", "--fleet", Fleet, "--by", "cluster", "--output-dir", "OUT"] },
        { "pool baseline --for --output-dir", ["pool", "baseline", "--fleet", Fleet, "--by", "cluster", "--for", "nova", "--output-dir", "OUT"] },
        { "pool baseline --html", ["pool", "baseline", "--fleet", Fleet, "--by", "cluster", "--html", "OUT"] },
        { "pool what-if --output-dir", ["pool", "what-if", "--fleet", Fleet, "--by", "cluster", "--remove", "west-14", "--output-dir", "OUT"] },
        { "pool what-if --html", ["pool", "what-if", "--fleet", Fleet, "--by", "cluster", "--remove", "west-14", "--html", "OUT"] },
        { "pool suggest --output-dir", ["pool", "suggest", "--fleet", Fleet, "--pools", "2", "--output-dir", "OUT"] },
        { "pool suggest --html", ["pool", "suggest", "--fleet", Fleet, "--pools", "2", "--html", "OUT"] },
        { "check --junit", ["check", "--fleet", Fleet, "--by", "cluster", "--guests", RepositoryRoot.File("data/examples/guests"), "--junit", "OUT"] },
        { "check --json", ["check", "--fleet", Fleet, "--by", "cluster", "--guests", RepositoryRoot.File("data/examples/guests"), "--json", "OUT"] },
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_second_run_needs_force_and_changes_nothing_without_it(string name, string[] template)
    {
        using var dir = new TempDirectory();
        var output = dir.File("out");
        string[] args = [.. template.Select(a => a == "OUT" ? output : a)];

        var first = CliRun.InProcess(args);
        Assert.True(first.ExitCode is 0 or 1, $"{name}: {first}");
        var before = Snapshot(dir.Path);
        Assert.NotEmpty(before);

        var again = CliRun.InProcess(args);
        Assert.Equal(2, again.ExitCode);
        // Notes about the input (a dump taken inside a VM) may come first; the refusal is one line.
        var line = Assert.Single(again.Stderr.TrimEnd('\n').Split('\n'), l => !l.StartsWith("note: ", StringComparison.Ordinal));
        Assert.Matches("^cpucompat: .* exists.*; pass --force", line);
        Assert.Equal(before, Snapshot(dir.Path));

        var forced = CliRun.InProcess([.. args, "--force"]);
        Assert.True(forced.ExitCode is 0 or 1, $"{name} --force: {forced}");
        Assert.Equal(before.Keys, Snapshot(dir.Path).Keys);
    }

    [Fact]
    public void Force_is_in_the_help_of_every_writing_command()
    {
        foreach (var command in new[] { "db compile", "db export-cpumap", "db import-cpumap", "host-model", "pool baseline", "pool what-if", "pool suggest", "check" })
        {
            var help = CliRun.InProcess([.. command.Split(' '), "--help"]);
            Assert.Contains("--force", help.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("db compile", "out.ccdb")]
    [InlineData("pool baseline --output-dir", "pools")]
    [SupportedOSPlatform("linux")]
    public void A_read_only_directory_is_refused_in_one_line_and_left_empty(string name, string target)
    {
        using var dir = new TempDirectory();
        var readOnly = Path.Combine(dir.Path, "ro");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(readOnly, (UnixFileMode)Convert.ToInt32("555", 8));
        var output = Path.Combine(readOnly, target);
        string[] args = name == "db compile"
            ? ["db", "compile", RepositoryRoot.File("data"), "--output", output]
            : ["pool", "baseline", "--fleet", Fleet, "--by", "cluster", "--output-dir", output];
        var cli = Path.Combine(AppContext.BaseDirectory, "cpucompat.dll");

        // root writes anywhere, so as root the child runs as nobody (setpriv is part of util-linux).
        var result = Environment.UserName == "root"
            ? ChildProcess.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ChildProcess.Dotnet, cli, .. args],
                environment: new Dictionary<string, string> { ["HOME"] = dir.Path, ["DOTNET_CLI_HOME"] = dir.Path })
            : ChildProcess.Run(ChildProcess.Dotnet, [cli, .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: cannot write {output}: permission denied\n", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(readOnly));
    }

    [Fact]
    public void A_device_at_the_output_is_written_into_and_stays_a_device()
    {
        using var dir = new TempDirectory();
        var device = dir.File("null");
        Assert.SkipUnless(ChildProcess.Run("mknod", [device, "c", "1", "3"]).ExitCode == 0, "mknod needs root here");
        var result = CliRun.Process("db", "compile", RepositoryRoot.File("data"), "--output", device);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("c", ChildProcess.Run("stat", ["-c", "%F", device]).Stdout.Trim()[..1]);
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_directory_at_the_output_is_refused_in_one_line()
    {
        using var dir = new TempDirectory();
        var result = CliRun.InProcess("db", "compile", RepositoryRoot.File("data"), "--output", dir.Path, "--force");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: {dir.Path} is a directory\n", result.Stderr);
    }

    [Fact]
    public void A_link_to_an_existing_file_is_kept_and_its_file_replaced_only_with_force()
    {
        using var dir = new TempDirectory();
        var real = dir.Write("real.ccdb", "keep");
        var link = dir.File("link.ccdb");
        File.CreateSymbolicLink(link, "real.ccdb");
        Assert.Equal(2, CliRun.InProcess("db", "compile", RepositoryRoot.File("data"), "--output", link).ExitCode);
        Assert.Equal("keep", File.ReadAllText(real));
        Assert.Equal(0, CliRun.InProcess("db", "compile", RepositoryRoot.File("data"), "--output", link, "--force").ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.NotEqual("keep", File.ReadAllText(real));
    }

    [Fact]
    public void Ctrl_c_exits_130_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var output = dir.File("pools");
        var start = new ProcessStartInfo(ChildProcess.Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "cpucompat.dll"), "pool", "baseline", "--fleet", "-", "--by", "cluster", "--output-dir", output })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        // Half a fleet arrives, then the operator presses Ctrl-C while the command waits for the rest.
        process.StandardInput.Write(File.ReadLines(Fleet).First() + "\n");
        process.StandardInput.Flush();
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Equal(0, ChildProcess.Run("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(130, process.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_terminal_on_standard_input_gets_a_hint()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "script (util-linux) is not installed; .ci/run installs it");
        var cli = Path.Combine(AppContext.BaseDirectory, "cpucompat.dll");
        // script gives the command a terminal as standard input; the sleep keeps it open until the hint is out.
        var result = ChildProcess.Bash($"(sleep 5; printf '\\004') | timeout 60 script -qec \"'{ChildProcess.Dotnet}' '{cli}' cpu-baseline -\" /dev/null");
        Assert.Contains("reading standard input from the terminal", result.Stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
