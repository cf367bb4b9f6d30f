using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Data;
using CpuCompat.Formats;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.TestSupport;

namespace CpuCompat.Conformance.Tests.Properties;

/// <summary>A real CPU: where its CPUID data came from, the data, and the host CPU libvirt reports for it.</summary>
public sealed record RealCpu(string Source, CpuData Data, CpuDefinition Host)
{
    public string? Vendor => Host.Vendor;

    public override string ToString() => Source;
}

/// <summary>
/// The real CPUs the engine laws are checked over: every raw CPUID dump of libvirt's suites (both versions) and of
/// <c>cpuid-dumps</c> (about 490 CPUs from 486 to Zen 5), decoded with the built-in database as host CPUs; CPUs the
/// map has no model for are left out. Empty when the shared folder is absent.
/// </summary>
public static class RealCpus
{
    private static readonly Lazy<ImmutableArray<RealCpu>> Loaded = new(Load);

    public static CpuEngine Engine { get; } = new(DefaultDatabase.Value);

    public static ImmutableArray<RealCpu> All => Loaded.Value;

    /// <summary>The CPUs; skips the calling test when the shared folder is absent.</summary>
    public static ImmutableArray<RealCpu> Require()
    {
        SharedData.RequireRoot();
        return All;
    }

    public static CpuDefinition? DecodeHost(CpuData data) => Engine.DecodeHost(data) is { Succeeded: true } decoded ? decoded.Value : null;

    private static ImmutableArray<RealCpu> Load()
    {
        if (SharedData.Root is null)
        {
            return [];
        }

        var cpus = ImmutableArray.CreateBuilder<RealCpu>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in SharedData.LibvirtVersions)
        {
            var dir = Path.Combine(SharedData.Root, "libvirt", version, "cputestdata");
            foreach (var file in Directory.EnumerateFiles(dir, "x86_64-cpuid-*.xml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file)["x86_64-cpuid-".Length..];
                if (name.EndsWith("-host", StringComparison.Ordinal) || name.EndsWith("-guest", StringComparison.Ordinal)
                    || name.EndsWith("-json", StringComparison.Ordinal) || name.EndsWith("-enabled", StringComparison.Ordinal)
                    || name.EndsWith("-disabled", StringComparison.Ordinal) || !seen.Add(name))
                {
                    continue;
                }

                var read = CpuDataXmlReader.Read(File.ReadAllText(file), file);
                if (read.Data is { } data && DecodeHost(data) is { } host)
                {
                    cpus.Add(new RealCpu($"libvirt {version} {name}", data, host));
                }
            }
        }

        var dumps = Path.Combine(SharedData.Root, "cpuid-dumps");
        if (Directory.Exists(dumps))
        {
            foreach (var file in Directory.EnumerateFiles(dumps, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var input = CpuInputReader.Read(File.ReadAllText(file), file, InputFormat.Auto, Engine);
                if (input.Data is { } data && DecodeHost(data) is { } host)
                {
                    cpus.Add(new RealCpu($"dump {Path.GetRelativePath(dumps, file)}", data, host));
                }
            }
        }

        return cpus.ToImmutable();
    }
}
