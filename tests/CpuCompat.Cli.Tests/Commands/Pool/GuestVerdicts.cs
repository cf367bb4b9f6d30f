using System.Xml.Linq;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>What <c>check</c> should say of one guest in one pool: whether it runs on every member, and if not, where and why.</summary>
public sealed record Verdict(string Pool, string Guest, IReadOnlyList<string> FailingHosts, IReadOnlySet<string> Features)
{
    public bool Passed => FailingHosts.Count == 0;
}

/// <summary>One testcase of a JUnit report.</summary>
public sealed record JunitCase(string Suite, string ClassName, string Name, string? FailureMessage, string? FailureText);

/// <summary>
/// The verdicts <c>check --guests DIR</c> should give, found another way: the pools' members from
/// <c>pool baseline --json</c> and, for each guest and member, <c>cpu-compare GUEST --host HOST</c> (a guest runs on
/// a host exactly when cpu-compare exits 0: identical or superset).
/// </summary>
public static class GuestVerdicts
{
    public static IReadOnlyList<Verdict> Expected(TempDirectory scratch, IReadOnlyList<FleetLine> fleet, string fleetPath, string guestsDir,
        string? by, params string[] policies)
    {
        var files = TestFleets.WriteCpuFiles(scratch, "verdict-hosts", fleet);
        var cpuOf = fleet.ToDictionary(h => h.Host, h => h.Cpu, StringComparer.Ordinal);
        var guests = Directory.GetFiles(guestsDir, "*.xml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(guests);

        // One cpu-compare per guest and distinct CPU text.
        var compared = new Dictionary<(string Guest, string Cpu), IReadOnlySet<string>?>();
        IReadOnlySet<string>? Misses(string guest, string host)
        {
            var key = (guest, cpuOf[host]);
            if (!compared.TryGetValue(key, out var misses))
            {
                compared[key] = misses = Compare(guest, files[host]);
            }

            return misses;
        }

        var verdicts = new List<Verdict>();
        foreach (var pool in TestFleets.Pools(TestFleets.PoolBaselineJson(fleetPath, by, policies)))
        {
            var members = TestFleets.Strings(pool["members"]);
            foreach (var guest in guests)
            {
                var failing = members.Where(m => Misses(guest, m) is not null).Order(StringComparer.Ordinal).ToList();
                var features = failing.SelectMany(m => Misses(guest, m)!).ToHashSet(StringComparer.Ordinal);
                verdicts.Add(new Verdict((string)pool["name"]!, Path.GetFileName(guest), failing, features));
            }
        }

        return verdicts;
    }

    /// <summary>null when the guest runs on the host; otherwise the features cpu-compare names as at fault.</summary>
    private static IReadOnlySet<string>? Compare(string guest, string host)
    {
        var result = CliRun.InProcess("cpu-compare", guest, "--host", host);
        Assert.True(result.ExitCode is 0 or 1, $"cpu-compare {guest} --host {host}: {result}");
        if (result.ExitCode == 0)
        {
            return null;
        }

        // "CPU described in G is incompatible with host CPU", then one "Host CPU does not provide ...: f1, f2" line per reason.
        return result.Stdout.Split('\n').Skip(1).Where(l => l.Contains(": ", StringComparison.Ordinal))
            .SelectMany(l => l[(l.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", ", StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The testcases of a JUnit file, read with LINQ to XML.</summary>
    public static IReadOnlyList<JunitCase> ReadJunit(string path) =>
    [
        .. XDocument.Load(path).Descendants("testsuite").SelectMany(suite => suite.Elements("testcase").Select(c => new JunitCase(
            (string)suite.Attribute("name")!, (string)c.Attribute("classname")!, (string)c.Attribute("name")!,
            (string?)c.Element("failure")?.Attribute("message"), (string?)c.Element("failure")))),
    ];

    /// <summary>
    /// A failure's text names the hosts at fault — every one, or as many as it lists before "and N more" — and no
    /// member the guest runs on, says how many hosts there are, and names every feature at fault.
    /// </summary>
    public static void AssertNamesHostsAndFeatures(Verdict verdict, string failure, IEnumerable<string> members)
    {
        var context = $"{verdict.Pool}/{verdict.Guest}: {failure}";
        var named = verdict.FailingHosts.Where(h => Mentions(failure, h)).ToList();
        Assert.True(named.Count > 0, $"names none of the failing hosts {string.Join(", ", verdict.FailingHosts)}: {context}");
        Assert.True(named.Count == verdict.FailingHosts.Count || failure.Contains($"and {verdict.FailingHosts.Count - named.Count} more", StringComparison.Ordinal),
            $"names {named.Count} of {verdict.FailingHosts.Count} failing hosts and does not say how many more: {context}");
        Assert.Contains($"{verdict.FailingHosts.Count} host", failure, StringComparison.Ordinal);
        foreach (var good in members.Except(verdict.FailingHosts))
        {
            Assert.False(Mentions(failure, good), $"names {good}, where the guest runs: {context}");
        }

        foreach (var feature in verdict.Features)
        {
            Assert.True(Mentions(failure, feature), $"does not name the feature {feature}: {context}");
        }
    }

    /// <summary>Whether the text has the word (a host or feature name) not as part of a longer name.</summary>
    public static bool Mentions(string text, string word) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w.-]){System.Text.RegularExpressions.Regex.Escape(word)}(?![\w.-])");
}
