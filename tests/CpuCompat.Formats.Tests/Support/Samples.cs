using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Data;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.TestSupport;

namespace CpuCompat.Formats.Tests.Support;

/// <summary>
/// The inputs the tests read: the shared CPUID dumps (<c>../shared/cpuid-dumps</c>, read in place, never copied), the
/// committed fixtures beside the test assembly, and the built-in database with its x86 driver.
/// </summary>
internal static class Samples
{
    public const string Missing = "(shared folder missing)";

    private static readonly Lazy<CpuEngine> BuiltInEngine = new(() => new CpuEngine(DefaultDatabase.Value));

    public static CpuDatabase Database => DefaultDatabase.Value;

    /// <summary>The engine over the built-in database.</summary>
    public static CpuEngine Engine => BuiltInEngine.Value;

    /// <summary>The dumps folder; skips the calling test when the shared folder is missing.</summary>
    public static string DumpsRoot()
    {
        var dir = Path.Combine(SharedData.RequireRoot(), "cpuid-dumps", "libcpuid");
        if (!Directory.Exists(dir))
        {
            Xunit.Assert.Skip($"the shared reference folder has no '{dir}'.");
        }

        return dir;
    }

    /// <summary>Every dump as a path relative to the dumps folder, sorted; one placeholder without the shared folder.</summary>
    public static IEnumerable<string> DumpFiles()
    {
        var dir = SharedData.Root is { } root ? Path.Combine(root, "cpuid-dumps", "libcpuid") : null;
        if (dir is null || !Directory.Exists(dir))
        {
            return [Missing];
        }

        return Directory.EnumerateFiles(dir, "*.txt", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The text of a dump (skips when the shared folder is missing).</summary>
    public static string ReadDump(string relative) => File.ReadAllText(Path.Combine(DumpsRoot(), relative));

    /// <summary>The path of a committed fixture (copied beside the test assembly).</summary>
    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static string ReadFixture(string relative) => File.ReadAllText(Fixture(relative));

    /// <summary>Every committed fixture, relative to the fixtures folder.</summary>
    public static IEnumerable<string> Fixtures() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Fixtures"), p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>libvirt's test data directory of a version, or null without the shared folder.</summary>
    public static string? LibvirtTestData(string version) =>
        SharedData.Root is { } root && Directory.Exists(Path.Combine(root, "libvirt", version, "cputestdata"))
            ? Path.Combine(root, "libvirt", version, "cputestdata")
            : null;
}
