using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// The order of a fleet's lines is no input: the example fleet and the same lines shuffled (fixed seeds), written to
/// the same path one after the other, give byte-identical output, as text and as <c>--json</c>.
/// </summary>
public sealed class PoolOrderIndependenceTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(42, false)]
    [InlineData(2024, true)]
    public void Shuffled_lines_give_identical_text(int seed, bool policy) => AssertSameOutput(seed, policy, json: false);

    [Theory]
    [InlineData(1, false)]
    [InlineData(42, false)]
    [InlineData(2024, true)]
    public void Shuffled_lines_give_identical_json(int seed, bool policy) => AssertSameOutput(seed, policy, json: true);

    [Fact]
    public void Shuffled_lines_give_identical_check_reports()
    {
        using var dir = new TempDirectory();
        var fleet = dir.File("fleet.jsonl");
        var lines = File.ReadAllLines(TestFleets.ExampleFleet);

        string[] Run(string tag)
        {
            var result = CliRun.InProcess("check", "--fleet", fleet, "--by", "cluster", "--guests", TestFleets.ExampleGuests,
                "--junit", dir.File($"{tag}.xml"), "--json", dir.File($"{tag}.json"));
            Assert.True(result.ExitCode is 0 or 1, result.ToString());
            return [result.ExitCode.ToString(), result.Stdout, File.ReadAllText(dir.File($"{tag}.xml")), File.ReadAllText(dir.File($"{tag}.json"))];
        }

        File.WriteAllLines(fleet, lines);
        var original = Run("original");
        File.WriteAllLines(fleet, TestFleets.Shuffle(lines, 7));
        Assert.Equal(original, Run("shuffled"));
    }

    private static void AssertSameOutput(int seed, bool policy, bool json)
    {
        using var dir = new TempDirectory();
        var fleet = dir.File("fleet.jsonl");
        var lines = File.ReadAllLines(TestFleets.ExampleFleet);
        string[] args = ["pool", "baseline", .. policy ? new[] { TestFleets.IntelPolicy } : [], "--fleet", fleet, "--by", "cluster", .. json ? new[] { "--json" } : []];

        File.WriteAllLines(fleet, lines);
        var original = CliRun.InProcess(args);
        Assert.True(original.ExitCode == 0, original.ToString());

        var shuffled = TestFleets.Shuffle(lines, seed);
        File.WriteAllLines(fleet, shuffled);
        var again = CliRun.InProcess(args);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(original.Stdout, again.Stdout);
    }
}
