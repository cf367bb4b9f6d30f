using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Engine.Drivers.X86;
using CpuCompat.Loading;
using CpuCompat.TestSupport;

namespace CpuCompat.Conformance.Tests;

/// <summary>
/// What a conformance case runs against: a libvirt version's test data and a database — that version's cpu_map
/// loaded directly (with CpuCompat's quirk rules, as <c>--cpu-map</c> does), or the built-in database.
/// </summary>
public sealed class Suite
{
    private static readonly Dictionary<string, Lazy<Suite>> Suites = new()
    {
        ["9.0.0"] = new(() => FromCpuMap("9.0.0")),
        ["11.3.0"] = new(() => FromCpuMap("11.3.0")),
        [BuiltIn] = new(() => new Suite("11.3.0", DatabaseLoader.Load(DatabaseSource.BuiltIn).Value)),
    };

    /// <summary>The name of the suite that runs the 11.3.0 cases against the built-in database (data/).</summary>
    public const string BuiltIn = "built-in";

    private Suite(string version, CpuDatabase database)
    {
        Version = version;
        Database = database;
        Engine = new CpuEngine(database);
    }

    public string Version { get; }

    public CpuDatabase Database { get; }

    public CpuEngine Engine { get; }

    /// <summary>The x86 driver itself, for the cases that check libvirt's data-level functions (hasfeature).</summary>
    public X86Driver X86 => (X86Driver)Engine.DriverFor(ArchFamily.X86)!;

    public LibvirtGeneration Generation => Database.Generation;

    public string DataDir => SharedData.TestDataDir(Version);

    public string File(string name) => Path.Combine(DataDir, name);

    public string Text(string name) => System.IO.File.ReadAllText(File(name));

    public static Suite Get(string name) => Suites[name].Value;

    /// <summary>The version's cpu_map loaded exactly as <c>--cpu-map</c> loads it (with CpuCompat's quirk rules).</summary>
    private static Suite FromCpuMap(string version)
    {
        var loaded = DatabaseLoader.Load(DatabaseSource.CpuMap(SharedData.CpuMapDir(version)));
        return loaded.Succeeded
            ? new Suite(version, loaded.Value)
            : throw new InvalidOperationException($"libvirt {version}'s cpu_map does not load: {loaded.Error.Message}");
    }
}
