using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>
/// <c>check --guests DIR</c>: a guest passes in a pool exactly when <c>cpu-compare</c> accepts it on every member
/// (see <see cref="GuestVerdicts"/>); the exit code is 0 when every guest passes everywhere, 1 otherwise, 2 for bad input.
/// </summary>
public sealed class CheckCommandTests
{
    /// <summary>A guest that Skylake hosts refuse (avx512vnni) and Ice Lake hosts too (dca): six hosts at fault for two reasons.</summary>
    private const string VnniGuest = "<cpu mode='custom' match='exact'>\n  <model fallback='allow'>Skylake-Server-IBRS</model>\n"
        + "  <feature policy='require' name='avx512vnni'/>\n  <feature policy='require' name='dca'/>\n</cpu>\n";

    public static TheoryData<string, string?, bool, bool> Fleets => new()
    {
        // hosts (prefixes), --by, policy, the vnni guest besides the examples'
        { "east-,west-,amd-", "cluster", false, false },
        { "east-", "cluster", false, false },
        { "east-,west-,amd-", null, true, false },
        { "east-,west-", "rack", false, true },
        { "east-", null, false, true },
    };

    [Theory]
    [MemberData(nameof(Fleets))]
    public void Exit_code_and_every_testcase_agree_with_cpu_compare_on_each_member(string prefixes, string? by, bool policy, bool vnni)
    {
        using var dir = new TempDirectory();
        var hosts = TestFleets.Example(prefixes.Split(','));
        var fleet = TestFleets.WriteFleet(dir, "fleet.jsonl", hosts);
        var guests = Guests(dir, vnni);
        string[] policies = policy ? [TestFleets.IntelPolicy] : [];
        var expected = GuestVerdicts.Expected(dir, hosts, fleet, guests, by, policies);

        var junit = dir.File("junit.xml");
        var result = CliRun.InProcess(["check", .. policies, "--fleet", fleet, .. TestFleets.By(by), "--guests", guests, "--junit", junit]);
        Assert.True(result.ExitCode == (expected.All(v => v.Passed) ? 0 : 1), $"cpu-compare says {expected.Count(v => !v.Passed)} of {expected.Count} fail; check: {result}");

        var cases = GuestVerdicts.ReadJunit(junit);
        Assert.Equal(expected.Select(v => (v.Pool, v.Guest)).Order(), cases.Select(c => (c.Suite, c.Name)).Order());
        var members = TestFleets.Pools(TestFleets.PoolBaselineJson(fleet, by, policies)).ToDictionary(p => (string)p["name"]!, p => TestFleets.Strings(p["members"]));
        foreach (var verdict in expected)
        {
            var testcase = cases.Single(c => c.Suite == verdict.Pool && c.Name == verdict.Guest);
            Assert.Equal(verdict.Pool, testcase.ClassName);
            Assert.True(verdict.Passed == testcase.FailureMessage is null,
                $"{verdict.Pool}/{verdict.Guest}: cpu-compare fails it on [{string.Join(", ", verdict.FailingHosts)}], JUnit failure: {testcase.FailureMessage ?? "none"}");
            if (!verdict.Passed)
            {
                GuestVerdicts.AssertNamesHostsAndFeatures(verdict, testcase.FailureMessage!, members[verdict.Pool]);
            }
        }
    }

    [Fact]
    public void Process_exit_codes_are_1_for_a_failing_guest_0_when_all_pass_and_2_for_a_bad_fleet()
    {
        using var dir = new TempDirectory();
        var failing = CliRun.Process("check", "--fleet", TestFleets.ExampleFleet, "--by", "cluster", "--guests", TestFleets.ExampleGuests);
        Assert.True(failing.ExitCode == 1, failing.ToString());

        var east = TestFleets.WriteFleet(dir, "east.jsonl", TestFleets.Example("east-"));
        var passing = CliRun.Process("check", "--fleet", east, "--guests", TestFleets.ExampleGuests);
        Assert.True(passing.ExitCode == 0, passing.ToString());

        var bad = dir.Write("bad.jsonl", TestFleets.Example("east-01").Single().ToJson() + "\n{\"host\": \"x\"}\n");
        var junit = dir.File("junit.xml");
        var broken = CliRun.Process("check", "--fleet", bad, "--guests", TestFleets.ExampleGuests, "--junit", junit);
        Assert.True(broken.ExitCode == 2, broken.ToString());
        Assert.StartsWith($"cpucompat: {bad}:2: host x: ", broken.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.Stderr, StringComparison.Ordinal); // no stack trace
        Assert.False(File.Exists(junit));
    }

    [Fact]
    public void Nothing_to_check_is_bad_input()
    {
        var result = CliRun.InProcess("check", "--fleet", TestFleets.ExampleFleet);
        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public void A_guests_directory_that_does_not_exist_is_bad_input()
    {
        using var dir = new TempDirectory();
        var result = CliRun.InProcess("check", "--fleet", TestFleets.ExampleFleet, "--guests", dir.File("no-such-dir"), "--junit", dir.File("junit.xml"));
        Assert.True(result.ExitCode == 2, $"a --guests directory that does not exist should be bad input (exit 2): {result}");
    }

    /// <summary>The example guests, with the vnni guest in a copy of them when asked.</summary>
    private static string Guests(TempDirectory dir, bool vnni)
    {
        if (!vnni)
        {
            return TestFleets.ExampleGuests;
        }

        foreach (var file in Directory.GetFiles(TestFleets.ExampleGuests, "*.xml"))
        {
            dir.Write($"guests/{Path.GetFileName(file)}", File.ReadAllText(file));
        }

        dir.Write("guests/vnni.xml", VnniGuest);
        return dir.File("guests");
    }

    internal static string GuestsWithVnni(TempDirectory dir) => Guests(dir, vnni: true);
}
