using CpuCompat.Diffs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Diffs;

/// <summary>What the diff and deprecation tests share: the built-in database, libvirt 11.3.0's map read apart, the test data, and a diff of two files.</summary>
internal static class DiffRun
{
    public static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    private static readonly Lazy<LibvirtMap> LazyMap = new(() => LibvirtMap.Of("11.3.0"));

    /// <summary>libvirt 11.3.0's cpu_map, read straight from its XML; skips without the reference material.</summary>
    public static LibvirtMap Map => LazyMap.Value;

    /// <summary>A CPU file of libvirt's x86 test data: <c>x86_64-cpuid-NAME</c>.</summary>
    public static string Data(string version, string name) => SharedData.TestDataFile(version, $"x86_64-cpuid-{name}");

    /// <summary>The diff of two files, which must succeed.</summary>
    public static CpuDiff Diff(string oldPath, string newPath, string? guests = null)
    {
        var diff = Compat.Diff(Read(oldPath), oldPath, Read(newPath), newPath, guests);
        Assert.True(diff.Succeeded, diff.Succeeded ? "" : diff.Error!.Message);
        return diff.Value;
    }

    public static Formats.CpuInput Read(string path)
    {
        var read = Compat.Reader.Read(File.ReadAllText(path), path).Outcome;
        Assert.True(read.Succeeded, read.Succeeded ? "" : read.Error!.Message);
        return read.Value;
    }
}
