using System.Text.Json;
using CpuCompat.Loading;

namespace CpuCompat.Benchmarks.Peer;

/// <summary>
/// The in-process operation that stands against libvirt's own baseline call (<c>virConnectBaselineCPU</c>, which
/// takes an array of XML texts and returns one): the texts' CPUs read by distinct text, their baseline, formatted as
/// libvirt formats it. The harness and the BenchmarkDotNet benchmark time this same method.
/// </summary>
public static class PeerBaseline
{
    /// <summary>The baseline of <paramref name="texts"/> as libvirt's XML, or the error message.</summary>
    public static string Run(CpuCompatibility compat, IReadOnlyList<string> texts)
    {
        var read = compat.ReadDistinctCpus(texts);
        if (!read.TryGetValue(out var distinct))
        {
            throw new InvalidDataException(read.Error!.Message);
        }

        var baseline = compat.Baseline(distinct.Cpus);
        return baseline.TryGetValue(out var cpu) ? compat.ToXml(cpu) : throw new InvalidDataException(baseline.Error!.Message);
    }

    /// <summary>The database: a libvirt cpu_map directory (the one the libvirt compared with uses), or the built-in one.</summary>
    public static CpuCompatibility Open(string? cpuMap)
    {
        if (cpuMap is null)
        {
            return CpuCompatibility.OpenBuiltIn();
        }

        var opened = CpuCompatibility.Open(DatabaseSource.CpuMap(cpuMap));
        return opened.TryGetValue(out var compat) ? compat : throw new InvalidDataException($"{cpuMap}: {opened.Error!.Message}");
    }

    /// <summary>A JSON array of XML texts, one host a text (what <c>perf/fleets/make-fleets.py</c> writes as <c>hosts-10k*.json</c>).</summary>
    public static string[] ReadTexts(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<string[]>(stream) is { Length: > 0 } texts && Array.TrueForAll(texts, t => t is not null)
                ? texts
                : throw new InvalidDataException($"{path}: expected a non-empty JSON array of XML texts");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a JSON array of strings: {e.Message}");
        }
    }
}
