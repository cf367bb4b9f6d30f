using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Conformance.Tests;

/// <summary>
/// Every libvirt test case, for 9.0.0 and 11.3.0 against that version's cpu_map, and the 11.3.0 cases again
/// against the built-in database (data/). Each case is its own test, named by libvirt's label.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConformanceTable.All)
        {
            data.Add(c.Version, Key(c));
            if (c.Version == "11.3.0")
            {
                data.Add(Suite.BuiltIn, Key(c));
            }
        }

        if (data.Count == 0)
        {
            // No shared folder: one case that skips and says why, so the absence is visible in the report.
            data.Add("none", "none");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gives_libvirts_answer(string suite, string key)
    {
        SharedData.RequireRoot();
        var c = ConformanceTable.All.First(x => Key(x) == key);
        var result = CaseRunner.Run(c, Suite.Get(suite));
        Assert.True(result.Passed, $"{c.Label}: {result.Detail}");
    }

    /// <summary>Identifies a row: libvirt's labels repeat across kinds and versions, so the key includes them.</summary>
    internal static string Key(ConformanceCase c) =>
        $"{c.Version}|{c.Kind}|{c.Host}|{c.CpuOrName}|{c.ModelsList}|{c.Flags}|{string.Join(";", c.InputFiles)}";
}
