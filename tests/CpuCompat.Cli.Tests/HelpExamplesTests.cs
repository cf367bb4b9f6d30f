using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>
/// Every example of every command's <c>--help</c> runs as written, in bash, from a directory where <c>data/</c> is the
/// repository's (so the bundled example files are there and outputs land in a fresh folder): exit 0, or 1 for a
/// check whose honest answer here is "no" (a guest that does not fit this machine, say), never a usage error.
/// </summary>
public sealed class HelpExamplesTests
{
    private const string LibvirtMap = "/usr/share/libvirt/cpu_map";

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands(Cli.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null))))
        {
            var lines = (command.Description ?? "").Split('\n');
            var at = Array.FindIndex(lines, l => l.Trim() == "Example:");
            foreach (var line in at < 0 ? [] : lines.Skip(at + 1).Select(l => l.Trim()).TakeWhile(l => l.Length > 0))
            {
                data.Add(command.Name, line);
            }
        }

        return data;
    }

    [Fact]
    public void Every_command_has_an_example()
    {
        var withExamples = Examples().Select(e => e.Data.Item1).ToHashSet(StringComparer.Ordinal);
        var leaves = Commands(Cli.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null))).Where(c => c.Subcommands.Count == 0);
        Assert.All(leaves, c => Assert.Contains(c.Name, withExamples));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_runs_as_written(string command, string example)
    {
        Assert.SkipWhen(example.Contains(LibvirtMap, StringComparison.Ordinal) && !Directory.Exists(LibvirtMap),
            $"{LibvirtMap} is not installed (apt-get install libvirt-daemon; .ci/run installs it)");
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "data"), RepositoryRoot.File("data"));
        var cli = Path.Combine(AppContext.BaseDirectory, "cpucompat.dll");
        var result = ChildProcess.Bash($"set -o pipefail; cpucompat() {{ '{ChildProcess.Dotnet}' '{cli}' \"$@\"; }}; {example}", dir.Path);
        Assert.True(result.ExitCode is 0 or 1, $"{command}: '{example}' exited {result.ExitCode}: {result.Stderr}");
        Assert.True(result.Stdout.Length > 0 || example.StartsWith("eval ", StringComparison.Ordinal), $"{command}: '{example}' printed nothing");
    }

    private static IEnumerable<Command> Commands(Command root)
    {
        foreach (var sub in root.Subcommands)
        {
            yield return sub;
            foreach (var nested in Commands(sub))
            {
                yield return nested;
            }
        }
    }
}
