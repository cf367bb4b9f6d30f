using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.Core.Cpu;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// The <c>--html</c> reports of the fleet commands, rendered in a real browser (headless Chromium): the page needs
/// nothing outside itself, the browser draws every cell of every picture, each cell says what the pool's data says,
/// and a screenshot of each page is kept under TestResults/.
/// </summary>
public sealed partial class HtmlReportTests
{
    private static readonly string Policy = RepositoryRoot.File("data/examples/fleet-policy.ccl");

    [GeneratedRegex("<rect [^>]*?class=\"(?<state>[a-z]+)\" data-state=\"\\k<state>\" data-kind=\"(?<kind>[^\"]*)\" data-model=\"(?<model>[^\"]*)\"")]
    private static partial Regex Cell();

    [GeneratedRegex("<svg [^>]*data-pool=\"(?<pool>[^\"]*)\"")]
    private static partial Regex Picture();

    [GeneratedRegex("data-outline=\"(?<model>[^\"]*)\"")]
    private static partial Regex Outline();

    [Theory]
    [InlineData("pool-baseline", false)]
    [InlineData("pool-baseline-cross-vendor", true)]
    public void The_pool_report_renders_and_every_cell_says_what_the_kind_and_the_pool_can_run(string name, bool crossVendor)
    {
        using var dir = new TempDirectory();
        var page = dir.File(name + ".html");
        string[] args = crossVendor ? ["--fleet", TestFleets.ExampleFleet, "--cross-vendor"] : [Policy, "--fleet", TestFleets.ExampleFleet];
        var run = CliRun.InProcess(["pool", "baseline", .. args, "--html", page]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = File.ReadAllText(page);
        AssertSelfContained(html);

        var dom = Render(page, name);
        var compat = crossVendor ? CpuCompatibility.OpenBuiltIn() : CpuCompatibility.OpenBuiltIn().WithPolicies([Policy]).Value;
        var fleet = compat.ReadFleet(TestFleets.ExampleFleet).Value;
        var pools = compat.PoolBaselines(fleet, crossVendor: crossVendor);
        var arch = compat.Database.X86!;
        var sections = SplitByPicture(dom);
        Assert.Equal(pools.Select(p => p.Pool.Name), sections.Select(s => s.Pool));
        foreach (var (poolName, picture) in sections)
        {
            var pool = pools.Single(p => p.Pool.Name == poolName);
            var kinds = pool.Pool.Kinds.Select(k => fleet.Kinds[k.Kind]).ToDictionary(k => WebUtility.HtmlDecode(k.Label), k => compat.Engine.FeaturesOf(k.Cpu, ArchFamily.X86).Value);
            var cells = Cell().Matches(picture).ToList();
            Assert.Equal(0, cells.Count % kinds.Count);
            Assert.Equal(kinds.Keys.Order(StringComparer.Ordinal), cells.Select(c => WebUtility.HtmlDecode(c.Groups["kind"].Value)).Distinct().Order(StringComparer.Ordinal));
            foreach (var cell in cells)
            {
                var model = arch.FindModel(WebUtility.HtmlDecode(cell.Groups["model"].Value))!.Features;
                var own = kinds[WebUtility.HtmlDecode(cell.Groups["kind"].Value)];
                var expected = model.IsSubsetOf(pool.Offered) ? "pool"
                    : model.IsSubsetOf(own) ? "held"
                    : kinds.Values.Any(k => model.IsSubsetOf(k)) ? "lacks" : "none";
                Assert.True(expected == cell.Groups["state"].Value, $"{poolName}: {cell.Value} should be {expected}");
            }

            // The pool's limit is drawn: its baseline's model is outlined.
            Assert.Contains(pool.Cpu.Value.Model, Outline().Matches(picture).Select(m => m.Groups["model"].Value));
        }

        if (crossVendor)
        {
            Assert.Contains("data-cross-vendor=\"AMD Intel\"", dom);
            Assert.Contains("MSR", dom);
        }
    }

    [Fact]
    public void The_what_if_and_check_reports_render_with_their_own_findings_first()
    {
        using var dir = new TempDirectory();
        var whatIf = dir.File("what-if.html");
        var run = CliRun.InProcess("pool", "what-if", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--remove", "west-14,west-15,west-16",
            "--guests", TestFleets.ExampleGuests, "--html", whatIf);
        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        AssertSelfContained(File.ReadAllText(whatIf));
        var dom = Render(whatIf, "pool-what-if");
        Assert.Contains("what the change does", dom);
        Assert.Contains("<tr data-pool=\"west\">", dom);

        var check = dir.File("check.html");
        run = CliRun.InProcess("check", Policy, "--fleet", TestFleets.ExampleFleet, "--guests", TestFleets.ExampleGuests, "--html", check);
        Assert.True(run.ExitCode == 1, run.ToString());
        dom = Render(check, "check");
        var verdicts = Regex.Matches(dom, "data-verdict=\"(pass|fail)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("fail", verdicts);
        Assert.Contains("pass", verdicts);
        // The text output lists the same verdicts, one line each.
        Assert.Equal(verdicts.Count(v => v == "fail"), run.Stdout.Split('\n').Count(l => l.TrimStart().StartsWith("FAIL", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_suggest_report_renders_its_objective_and_one_picture_per_suggested_pool()
    {
        using var dir = new TempDirectory();
        var page = dir.File("suggest.html");
        var run = CliRun.InProcess("pool", "suggest", "--fleet", TestFleets.ExampleFleet, "--pools", "4", "--json", "--html", page);
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertSelfContained(File.ReadAllText(page));
        var dom = Render(page, "pool-suggest");
        var pools = TestFleets.Pools(TestFleets.ParseJson(run.Stdout)).Select(p => p["name"]!.GetValue<string>()).ToList();
        Assert.Equal(pools, SplitByPicture(dom).Select(s => s.Pool));
        Assert.Single(Regex.Matches(dom, "data-chosen=\"yes\""));
        var value = TestFleets.ParseJson(run.Stdout)["objective"]!["value"]!.GetValue<long>();
        Assert.Contains($"guests keep {value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} features", dom);
    }

    /// <summary>Renders the page in Chromium, keeps a screenshot, and checks that the browser drew every picture cell.</summary>
    private static string Render(string page, string name)
    {
        var dom = Chromium.DumpDom(page);
        var cells = Cell().Matches(File.ReadAllText(page)).Count;
        Assert.True(cells > 0, "the page has no picture cells");
        Assert.Contains($"data-cells-drawn=\"{cells}\"", dom);
        var png = RepositoryRoot.File($"TestResults/html-report-{name}.png");
        Chromium.Screenshot(page, png);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(bytes.Length > 20_000, $"the screenshot of {page} is nearly empty ({bytes.Length} bytes)");
        return dom;
    }

    /// <summary>The page loads nothing: no links, images, scripts or styles from elsewhere, no URL but SVG's namespace.</summary>
    private static void AssertSelfContained(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var urls = Regex.Matches(html, "(?:https?:|file:|//)[^\"'\\s<>]*").Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg").ToList();
        Assert.Empty(urls);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    private static List<(string Pool, string Picture)> SplitByPicture(string dom)
    {
        var starts = Picture().Matches(dom).ToList();
        return [.. starts.Select((m, i) => (WebUtility.HtmlDecode(m.Groups["pool"].Value),
            dom[m.Index..(i + 1 < starts.Count ? starts[i + 1].Index : dom.Length)]))];
    }
}
