using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// The reports of <c>check</c>: the <c>--junit</c> file as a real JUnit reader (Python's junitparser, which CI
/// installs) sees it, and the <c>--json</c> file, which must say what the JUnit file says.
/// </summary>
public sealed class CheckReportTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Prints the suites, cases and failures junitparser reads, as JSON.</summary>
    private const string JunitToJson = """
        import json, sys
        from junitparser import JUnitXml, Failure, Error, Skipped
        xml = JUnitXml.fromfile(sys.argv[1])
        suites = []
        for s in (xml if isinstance(xml, JUnitXml) else [xml]):
            cases = []
            for c in s:
                res = c.result if isinstance(c.result, list) else ([c.result] if c.result else [])
                cases.append({"classname": c.classname, "name": c.name,
                              "failures": [{"message": r.message, "text": r.text} for r in res if isinstance(r, Failure)],
                              "errors": sum(isinstance(r, Error) for r in res), "skipped": sum(isinstance(r, Skipped) for r in res)})
            suites.append({"name": s.name, "tests": s.tests, "failures": s.failures, "errors": s.errors, "cases": cases})
        print(json.dumps({"tests": xml.tests, "failures": xml.failures, "suites": suites}))
        """;

    /// <summary>The example fleet by cluster with the example guests and the vnni guest: failures of one and of six hosts.</summary>
    private static (string Junit, string Json, IReadOnlyList<Verdict> Expected) RunCheck(TempDirectory dir)
    {
        var guests = CheckCommandTests.GuestsWithVnni(dir);
        var expected = GuestVerdicts.Expected(dir, TestFleets.Example(), TestFleets.ExampleFleet, guests, "cluster");
        var junit = dir.File("reports/junit.xml");
        var json = dir.File("reports/check.json");
        Directory.CreateDirectory(dir.File("reports"));
        var result = CliRun.InProcess("check", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--guests", guests, "--junit", junit, "--json", json);
        Assert.True(result.ExitCode == 1, result.ToString());
        return (junit, json, expected);
    }

    private static JsonObject ReadWithJunitparser(string junit)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: the JUnit report is checked with Python's junitparser (apt-get install python3 python3-junitparser; .ci/run installs it)");
        var run = ChildProcess.Run(Python, ["-c", JunitToJson, junit]);
        Assert.False(run.Stderr.Contains("No module named 'junitparser'", StringComparison.Ordinal),
            "Python's junitparser is missing: apt-get install python3-junitparser (.ci/run installs it)");
        Assert.True(run.ExitCode == 0, $"junitparser could not read {junit}: exit {run.ExitCode}\n{run.Stderr}");
        return TestFleets.ParseJson(run.Stdout);
    }

    [Fact]
    public void Junitparser_reads_one_suite_per_pool_and_one_case_per_guest_failing_as_cpu_compare_says()
    {
        using var dir = new TempDirectory();
        var (junit, _, expected) = RunCheck(dir);
        var report = ReadWithJunitparser(junit);

        var pools = expected.Select(v => v.Pool).Distinct().Order(StringComparer.Ordinal).ToList();
        var suites = report["suites"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(pools, suites.Select(s => (string)s["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, report["tests"]!.GetValue<int>());
        Assert.Equal(expected.Count(v => !v.Passed), report["failures"]!.GetValue<int>());

        var members = TestFleets.Pools(TestFleets.PoolBaselineJson(TestFleets.ExampleFleet, "cluster")).ToDictionary(p => (string)p["name"]!, p => TestFleets.Strings(p["members"]));
        foreach (var suite in suites)
        {
            var pool = (string)suite["name"]!;
            var cases = suite["cases"]!.AsArray().Select(c => c!.AsObject()).ToList();
            var verdicts = expected.Where(v => v.Pool == pool).ToList();
            Assert.Equal(verdicts.Count, suite["tests"]!.GetValue<int>());
            Assert.Equal(verdicts.Count(v => !v.Passed), suite["failures"]!.GetValue<int>());
            Assert.Equal(0, suite["errors"]!.GetValue<int>());
            Assert.Equal(verdicts.Select(v => v.Guest).Order(StringComparer.Ordinal), cases.Select(c => (string)c["name"]!).Order(StringComparer.Ordinal));
            foreach (var testcase in cases)
            {
                Assert.Equal(pool, (string?)testcase["classname"]);
                Assert.Equal(0, testcase["errors"]!.GetValue<int>() + testcase["skipped"]!.GetValue<int>());
                var verdict = verdicts.Single(v => v.Guest == (string)testcase["name"]!);
                var failures = testcase["failures"]!.AsArray();
                Assert.True(failures.Count == (verdict.Passed ? 0 : 1), $"{pool}/{verdict.Guest}: cpu-compare fails it on [{string.Join(", ", verdict.FailingHosts)}]; junitparser: {failures.ToJsonString()}");
                if (!verdict.Passed)
                {
                    GuestVerdicts.AssertNamesHostsAndFeatures(verdict, (string)failures[0]!["message"]!, members[pool]);
                }
            }
        }
    }

    [Fact]
    public void Json_report_says_what_the_junit_report_says()
    {
        using var dir = new TempDirectory();
        var (junit, json, expected) = RunCheck(dir);
        var cases = GuestVerdicts.ReadJunit(junit);
        var document = TestFleets.ParseJson(File.ReadAllText(json));

        Assert.True(document["schema_version"]!.GetValue<int>() >= 1);
        Assert.Equal(cases.Count, document["checks"]!.GetValue<int>());
        Assert.Equal(cases.Count(c => c.FailureMessage is not null), document["failures"]!.GetValue<int>());
        Assert.Equal(cases.All(c => c.FailureMessage is null), document["passed"]!.GetValue<bool>());

        var results = document["pools"]!.AsArray().SelectMany(p => p!["results"]!.AsArray().Select(r => (Pool: (string)p["name"]!, Result: r!.AsObject()))).ToList();
        Assert.Equal(cases.Select(c => (c.Suite, c.Name)).Order(), results.Select(r => (r.Pool, (string)r.Result["name"]!)).Order());
        foreach (var (pool, result) in results)
        {
            var name = (string)result["name"]!;
            var testcase = cases.Single(c => c.Suite == pool && c.Name == name);
            var verdict = expected.Single(v => v.Pool == pool && v.Guest == name);
            var passed = result["passed"]!.GetValue<bool>();
            Assert.True(passed == (testcase.FailureMessage is null), $"{pool}/{name}: JSON passed={passed}, JUnit failure: {testcase.FailureMessage ?? "none"}");
            Assert.Equal(testcase.FailureMessage, (string?)result["message"]);

            var hosts = TestFleets.Strings(result["hosts"]);
            var features = TestFleets.Strings(result["features"]);
            Assert.Equal(verdict.FailingHosts.Count, result["host_count"]!.GetValue<int>());
            Assert.All(hosts, h => Assert.Contains(h, verdict.FailingHosts));
            Assert.Equal(verdict.Features.Order(StringComparer.Ordinal), features.Order(StringComparer.Ordinal));
            if (testcase.FailureText is { } text)
            {
                Assert.All(hosts, h => Assert.True(GuestVerdicts.Mentions(text, h), $"{pool}/{name}: JSON names host {h}, the JUnit failure does not: {text}"));
                Assert.All(features, f => Assert.True(GuestVerdicts.Mentions(text, f), $"{pool}/{name}: JSON names feature {f}, the JUnit failure does not: {text}"));
            }
            else
            {
                Assert.Empty(hosts);
                Assert.Empty(features);
            }
        }
    }
}
