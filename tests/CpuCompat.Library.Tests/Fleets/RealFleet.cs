using System.Text;
using System.Text.Json;
using CpuCompat.Fleets;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Fleets;

/// <summary>
/// Labelled fleets made of real host CPUs: every host CPU of libvirt's x86 test data (both vendors), each on a
/// few hosts, labelled by cluster and rack so that pools can be cut several ways.
/// </summary>
internal static class RealFleet
{
    /// <summary>The distinct host <c>&lt;cpu&gt;</c> texts of a libvirt version's test data, in name order; skips without the reference material.</summary>
    public static IReadOnlyList<(string Name, string Cpu)> HostCpus(string version = "11.3.0")
    {
        var dir = SharedData.TestDataDir(version);
        return [.. Directory.EnumerateFiles(dir, "x86_64-cpuid-*-host.xml").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f)["x86_64-cpuid-".Length..^"-host.xml".Length], File.ReadAllText(f)))
            .Where(c => c.Item2.TrimStart().StartsWith("<cpu", StringComparison.Ordinal))
            .DistinctBy(c => c.Item2)];
    }

    /// <summary>One host a line: each CPU on <paramref name="copies"/> hosts, clusters and racks by position.</summary>
    public static IReadOnlyList<string> Lines(int copies = 3, string version = "11.3.0")
    {
        var cpus = HostCpus(version);
        var lines = new List<string>();
        for (var i = 0; i < cpus.Count; i++)
        {
            for (var c = 0; c < copies; c++)
            {
                var labels = new Dictionary<string, string> { ["cluster"] = $"c{(i + c) % 3}", ["rack"] = $"r{i % 5}" };
                lines.Add(JsonSerializer.Serialize(new { host = $"{cpus[i].Name}-{c}", cpu = cpus[i].Cpu, labels }));
            }
        }

        return lines;
    }

    public static Fleet Read(CpuCompatibility compat, IEnumerable<string> lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var read = compat.ReadFleet(stream, "fleet.jsonl");
        Assert.True(read.Succeeded, read.Succeeded ? "" : read.Error!.Message);
        Assert.Empty(read.Value.Problems);
        return read.Value;
    }

    /// <summary>The CPU of each member, read on its own as a single input, not through the fleet.</summary>
    public static IReadOnlyList<Core.Cpu.CpuDefinition> MemberCpus(CpuCompatibility compat, Fleet fleet, IEnumerable<int> members, IReadOnlyDictionary<string, string> cpuByHost) =>
        [.. members.Select(m => compat.ReadCpus(cpuByHost[fleet.Hosts[m].Name], fleet.Hosts[m].Name).Value.Single())];

    public static Dictionary<string, string> CpuByHost(IEnumerable<string> lines) =>
        lines.Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("host").GetString()!, e => e.GetProperty("cpu").GetString()!, StringComparer.Ordinal);
}
