using System.Text;
using CpuCompat.Pools;

namespace CpuCompat.Output.Text;

/// <summary><c>cpucompat check</c> for people: per pool each verdict, failures first, then the count.</summary>
public static class CheckText
{
    public static string Format(IReadOnlyList<string> pools, IReadOnlyList<CheckResult> results)
    {
        var text = new StringBuilder();
        foreach (var pool in pools)
        {
            var cases = results.Where(r => r.Pool == pool).OrderBy(r => r.Passed).ToList();
            text.Append($"pool {pool}: {PoolBaselineText.Count(cases.Count, "check")}, {cases.Count(r => !r.Passed)} failed\n");
            foreach (var r in cases)
            {
                text.Append(r.Passed ? $"  ok    {r.Name}\n" : $"  FAIL  {r.Name}: {r.Message}\n");
            }
        }

        text.Append($"{results.Count(r => r.Passed)} of {PoolBaselineText.Count(results.Count, "check")} passed\n");
        return text.ToString();
    }
}
