using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.TestSupport;

namespace CpuCompat.Libvirt.Tests;

/// <summary>Enumerates libvirt's cputestdata files for theories; without the shared folder there is one placeholder row that skips.</summary>
internal static class LibvirtTestFiles
{
    public const string Missing = "(shared folder missing)";

    public static LibvirtGeneration GenerationOf(string version) => LibvirtGenerations.FromVersion(version)!.Value;

    /// <summary>(version, file name) for every file of every version matching <paramref name="predicate"/>.</summary>
    public static IEnumerable<(string Version, string File)> Files(Func<string, bool> predicate)
    {
        if (SharedData.Root is not { } root)
        {
            yield return (SharedData.LibvirtVersions[0], Missing);
            yield break;
        }

        foreach (var version in SharedData.LibvirtVersions)
        {
            var dir = Path.Combine(root, "libvirt", version, "cputestdata");
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (predicate(name))
                {
                    yield return (version, name);
                }
            }
        }
    }

    /// <summary>The root element's name of a test file (read while enumerating theory data, so the folder exists).</summary>
    public static string RootOf(string version, string file) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(SharedData.Root!, "libvirt", version, "cputestdata", file)).Root!.Name.LocalName;

    /// <summary>The text of a test file; skips the test when the shared folder is missing.</summary>
    public static string Read(string version, string file)
    {
        SharedData.RequireRoot();
        return File.ReadAllText(SharedData.TestDataFile(version, file));
    }

    /// <summary>The files libvirt's test harness compares its output with (the TSV's expected_output_file column).</summary>
    public static IReadOnlySet<string> ExpectedOutputs(string version)
    {
        var tsv = Path.Combine(SharedData.RequireRoot(), "docs", "libvirt-test-cases.tsv");
        return File.ReadLines(tsv).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cols => cols.Length > 9 && cols[0] == version && cols[9].Length > 0)
            .Select(cols => cols[9])
            .ToHashSet(StringComparer.Ordinal);
    }
}
