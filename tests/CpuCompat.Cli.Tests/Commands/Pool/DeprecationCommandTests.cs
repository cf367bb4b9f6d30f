using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// <c>pool baseline --models</c> and <c>check ... baseline not deprecated</c> on the bundled legacy fleet (a Penryn
/// pool) and QEMU model list (RHEL 9's deprecations): the proposal they print is one guests can take — <c>diff</c>
/// finds it the same CPU as the baseline, <c>cpu-compare</c> runs it on every member — and both commands name it.
/// </summary>
public sealed class DeprecationCommandTests
{
    private static string Example(string name) => RepositoryRoot.File($"data/examples/{name}");

    private static string Fleet => Example("legacy-fleet.jsonl");

    private static string Models => Example("qemu-cpu-definitions.json");

    [Fact]
    public void The_proposal_is_the_baselines_cpu_on_another_model_and_runs_on_every_member()
    {
        using var dir = new TempDirectory();
        var document = TestFleets.RunJson(0, "pool", "baseline", "--fleet", Fleet, "--models", Models, "--json");
        var pool = Assert.Single(TestFleets.Pools(document));
        var deprecated = pool["deprecated"]!.AsObject();
        Assert.Equal((string?)pool["model"], (string?)deprecated["model"]);
        var proposal = deprecated["proposal"]!.AsObject();
        Assert.NotEqual((string?)pool["model"], (string?)proposal["model"]);

        var baseline = dir.Write("baseline.xml", (string)pool["cpu"]!);
        var proposed = dir.Write("proposal.xml", (string)proposal["cpu"]!);
        var diff = JsonNode.Parse(CliRun.InProcess("diff", baseline, proposed, "--json").Stdout)!;
        Assert.Empty(diff["features"]!["gained"]!.AsArray());
        Assert.Empty(diff["features"]!["lost"]!.AsArray());
        Assert.Equal(TestFleets.Strings(proposal["require"]).Order(StringComparer.Ordinal),
            diff["new"]!["cpu"]!["features"]!.AsArray().Where(f => (string?)f!["policy"] == "require").Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal));

        foreach (var (host, cpu) in TestFleets.WriteCpuFiles(dir, "hosts", TestFleets.Parse(File.ReadAllLines(Fleet))))
        {
            var compare = CliRun.InProcess("cpu-compare", proposed, "--host", cpu);
            Assert.True(compare.ExitCode == 0, $"{host}: {compare}");
        }

        var text = CliRun.InProcess("pool", "baseline", "--fleet", Fleet, "--models", Models);
        Assert.Contains($"  deprecated: {pool["model"]} is deprecated by QEMU; nearest model it does not deprecate: {proposal["model"]}\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"    disable: {string.Join(", ", TestFleets.Strings(proposal["disable"]))}\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_models_or_a_deprecated_model_nothing_is_flagged()
    {
        var plain = TestFleets.RunJson(0, "pool", "baseline", "--fleet", Fleet, "--json");
        Assert.All(TestFleets.Pools(plain), p => Assert.True(p.ContainsKey("deprecated") && p["deprecated"] is null));

        var current = TestFleets.RunJson(0, "pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--models", Models, "--json");
        Assert.All(TestFleets.Pools(current), p => Assert.Null(p["deprecated"]));
        Assert.DoesNotContain("deprecated:", CliRun.InProcess("pool", "baseline", "--fleet", TestFleets.ExampleFleet, "--models", Models).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_with_the_same_proposal_and_asks_for_the_model_list_without_it()
    {
        using var dir = new TempDirectory();
        var policy = dir.Write("lab.ccl", "arch x86_64;\npool lab { select cluster = \"lab\"; }\ncheck lab baseline not deprecated;\n");
        var pool = Assert.Single(TestFleets.Pools(TestFleets.RunJson(0, "pool", "baseline", policy, "--fleet", Fleet, "--models", Models, "--json")));
        var deprecated = pool["deprecated"]!;

        var result = CliRun.InProcess("check", policy, "--fleet", Fleet, "--models", Models);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"  FAIL  baseline not deprecated: the baseline's model {deprecated["model"]} is deprecated by QEMU; nearest model it does not deprecate: {deprecated["proposal"]!["model"]}, ",
            result.Stdout, StringComparison.Ordinal);

        var without = CliRun.InProcess("check", policy, "--fleet", Fleet);
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("give --models FILE", without.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_model_list_is_bad_input()
    {
        using var dir = new TempDirectory();
        var models = dir.Write("models.json", "{\"return\": [");
        var result = CliRun.InProcess("pool", "baseline", "--fleet", Fleet, "--models", models);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("models.json", result.Stderr, StringComparison.Ordinal);
    }
}
