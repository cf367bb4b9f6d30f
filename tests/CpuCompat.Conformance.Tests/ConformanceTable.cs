using CpuCompat.TestSupport;

namespace CpuCompat.Conformance.Tests;

/// <summary>Reads libvirt's test cases from the shared table; empty when the shared folder is absent.</summary>
public static class ConformanceTable
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> Rows = new(Load);

    public static IReadOnlyList<ConformanceCase> All => Rows.Value;

    public static string? Path => SharedData.Root is { } root ? System.IO.Path.Combine(root, "docs", "libvirt-test-cases.tsv") : null;

    private static IReadOnlyList<ConformanceCase> Load()
    {
        if (Path is not { } path || !File.Exists(path))
        {
            return [];
        }

        var rows = new List<ConformanceCase>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            rows.Add(new ConformanceCase(
                f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7],
                f[8].Split(';', StringSplitOptions.RemoveEmptyEntries), f[9], f[10]));
        }

        return rows;
    }
}
