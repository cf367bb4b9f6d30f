using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using CpuCompat.Fleets;
using CpuCompat.Pools;

namespace CpuCompat.Benchmarks;

/// <summary>
/// Fleets in-process: reading a JSON Lines fleet and its pool baselines, and reading big plain <c>&lt;cpu&gt;</c>
/// lists by distinct element (what <c>cpu-baseline</c> of a fleet's file does), for few kinds of host and for
/// hosts that all differ. The inputs are made in the setup from the bundled example fleet's CPUs: "few" repeats its
/// kinds; "many" gives every host its own variant (one of its kind's features left out, and another). The fleet has
/// every kind of the example (a raw dump and an AMD host among them); the list, one pool, its Intel <c>&lt;cpu&gt;</c>s.
/// </summary>
[MemoryDiagnoser]
public partial class FleetBenchmarks
{
    private readonly CpuCompatibility _compat = CpuCompatibility.OpenBuiltIn();
    private string _dir = "";
    private string _fleetFile = "";
    private string _listFile = "";
    private Fleet _fleet = null!;

    /// <summary>Every size; the smaller ones only in a dry run (<see cref="DryRun"/>), where the big fleets' setup would take minutes.</summary>
    public static IEnumerable<int> HostCounts => DryRun.Requested ? [2, 1_000] : [2, 1_000, 100_000];

    [ParamsSource(nameof(HostCounts))]
    public int Hosts { get; set; }

    [Params("few", "many")]
    public string Kinds { get; set; } = "few";

    [GeneratedRegex("  <feature name='[^']*'/>\n")]
    private static partial Regex FeatureLine();

    [GlobalSetup]
    public void Setup()
    {
        var example = Path.Combine(EngineBenchmarks.RepoRoot(), "data", "examples", "fleet.jsonl");
        var kinds = File.ReadLines(example).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("cpu").GetString()!).Distinct().ToList();
        _dir = Directory.CreateTempSubdirectory("cpucompat-bench-").FullName;
        _fleetFile = Path.Combine(_dir, "fleet.jsonl");
        _listFile = Path.Combine(_dir, "hosts.xml");
        using (var fleet = new StreamWriter(_fleetFile))
        using (var list = new StreamWriter(_listFile))
        {
            var intel = kinds.Where(k => k.StartsWith("<cpu", StringComparison.Ordinal) && k.Contains("<vendor>Intel</vendor>", StringComparison.Ordinal)).ToList();
            for (var i = 0; i < Hosts; i++)
            {
                var cpu = Variant(kinds[i % kinds.Count], Kinds == "few" ? -1 : i / kinds.Count);
                fleet.WriteLine(JsonSerializer.Serialize(new { host = $"h{i:D6}", cpu, labels = new { cluster = $"c{i % 4}", rack = $"r{i % 40}" } }));
                list.Write(Variant(intel[i % intel.Count], Kinds == "few" ? -1 : i / intel.Count).TrimEnd() + "\n");
            }
        }

        _fleet = _compat.ReadFleet(_fleetFile).Value;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public int ReadFleet() => _compat.ReadFleet(_fleetFile).Value.Kinds.Length;

    [Benchmark]
    public int PoolBaselinesByCluster() => _compat.PoolBaselines(_fleet, "cluster").Count(p => p.Cpu.Succeeded);

    [Benchmark]
    public int BaselineOfList()
    {
        var cpus = _compat.ReadDistinctCpus([_listFile], () => Stream.Null).Value.Cpus;
        return _compat.Baseline(cpus).Value.Features.Length;
    }

    /// <summary>The CPU with no change (<paramref name="n"/> below 0), or with the features picked by <paramref name="n"/> left out.</summary>
    private static string Variant(string cpu, int n)
    {
        var features = FeatureLine().Matches(cpu).ToList();
        if (n < 0 || features.Count == 0)
        {
            return cpu;
        }

        var (a, b) = (n % features.Count, n / features.Count % features.Count);
        var sb = new StringBuilder(cpu);
        foreach (var m in features.Where((_, i) => i == a || i == b).OrderByDescending(m => m.Index))
        {
            sb.Remove(m.Index, m.Length);
        }

        return sb.ToString();
    }
}
