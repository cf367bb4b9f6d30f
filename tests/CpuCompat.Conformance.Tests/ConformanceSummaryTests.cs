using System.Text;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Conformance.Tests;

/// <summary>
/// Runs the whole table and reports, per suite and kind, how many cases give libvirt's answer; the table is
/// written to the test output and to <c>conformance-summary.md</c> beside the test assembly.
/// </summary>
public sealed class ConformanceSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_case_of_both_libvirt_versions_passes()
    {
        SharedData.RequireRoot();
        var rows = new List<(string Suite, string Kind, bool Passed, string Label)>();
        foreach (var c in ConformanceTable.All)
        {
            foreach (var suite in c.Version == "11.3.0" ? new[] { c.Version, Suite.BuiltIn } : [c.Version])
            {
                var result = CaseRunner.Run(c, Suite.Get(suite));
                rows.Add((suite == Suite.BuiltIn ? "11.3.0 built-in" : suite, c.Kind, result.Passed, c.Label));
            }
        }

        var text = new StringBuilder("| suite | kind | passed | total |\n|---|---|---|---|\n");
        foreach (var group in rows.GroupBy(r => (r.Suite, r.Kind)).OrderBy(g => g.Key.Suite, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            text.Append($"| {group.Key.Suite} | {group.Key.Kind} | {group.Count(r => r.Passed)} | {group.Count()} |\n");
        }

        foreach (var suite in rows.GroupBy(r => r.Suite))
        {
            text.Append($"| {suite.Key} | **all** | {suite.Count(r => r.Passed)} | {suite.Count()} |\n");
        }

        var failures = rows.Where(r => !r.Passed).Select(r => $"{r.Suite}: {r.Label}").ToList();
        text.Append(failures.Count == 0 ? "\nNo failures.\n" : $"\nFailures:\n{string.Join("\n", failures)}\n");
        output.WriteLine(text.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "conformance-summary.md"), text.ToString());
        Assert.True(rows.Count > 900, $"expected the whole table (about 950 cases), found {rows.Count}");
        Assert.Empty(failures);
    }
}
