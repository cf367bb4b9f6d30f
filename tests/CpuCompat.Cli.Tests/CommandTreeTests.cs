using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Cli.Tests.Support;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>
/// A run builds only the command it names; these tests hold that partial tree to the whole one, so that no command,
/// option or help text differs with how much of the tree was built.
/// </summary>
public sealed class CommandTreeTests
{
    private static CliContext Quiet() => new(TextWriter.Null, TextWriter.Null, TextReader.Null);

    [Fact]
    public void The_table_names_each_command_it_builds_in_order()
    {
        var whole = Cli.BuildRoot(Quiet());
        Assert.Equal(Cli.Commands.Select(c => c.Name), whole.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void A_named_command_builds_only_itself()
    {
        foreach (var (name, _) in Cli.Commands.Where(c => c.Name != "completion"))
        {
            var partial = Cli.BuildRoot(Quiet(), [name, "--help"]);
            Assert.Equal([name], partial.Subcommands.Select(c => c.Name));
        }
    }

    public static TheoryData<string> EveryCommandPath()
    {
        var data = new TheoryData<string>();
        foreach (var command in Cli.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null)).Subcommands)
        {
            data.Add(command.Name);
            foreach (var sub in command.Subcommands)
            {
                data.Add($"{command.Name} {sub.Name}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommandPath))]
    public void Help_is_the_same_from_the_partial_tree_and_the_whole_one(string path)
    {
        var args = path.Split(' ').Append("--help").ToArray();
        var fromWhole = new StringWriter();
        Cli.BuildRoot(Quiet()).Parse(args).Invoke(new InvocationConfiguration { Output = fromWhole, Error = TextWriter.Null });
        var fromPartial = CliRun.InProcess(args);
        Assert.Equal(0, fromPartial.ExitCode);
        Assert.Equal(fromWhole.ToString(), fromPartial.Stdout);
    }

    [Fact]
    public void A_mistyped_command_still_gets_a_suggestion_from_the_whole_tree()
    {
        var result = CliRun.InProcess("cpu-baslin", "x.xml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'cpu-baseline'?", result.Stderr, StringComparison.Ordinal);
    }
}
