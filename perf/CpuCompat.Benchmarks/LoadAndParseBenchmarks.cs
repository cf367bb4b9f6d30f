using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CpuCompat.Core.Serialization;
using CpuCompat.Data;
using CpuCompat.Loading;

namespace CpuCompat.Benchmarks;

/// <summary>
/// What a single answer pays before the engine runs: loading a libvirt cpu_map (its XML parsed, and a hit of the
/// compiled cache a second run gets) and parsing host <c>&lt;cpu&gt;</c> XML (a 3-host file by the ordinary
/// reader, and one host's text by the element fast path big lists use). The map is the built-in database written
/// out as a cpu_map in the setup, so the figures do not depend on which libvirt is installed.
/// </summary>
[MemoryDiagnoser]
public class LoadAndParseBenchmarks
{
    private string _dir = "";
    private string _map = "";
    private CpuMapCache _cache = null!;
    private CpuCompatibility _compat = null!;
    private string _poolFile = "";
    private string[] _host = [];
    private byte[] _builtIn = [];

    [GlobalSetup]
    public void Setup()
    {
        _compat = CpuCompatibility.OpenBuiltIn();
        using (var resource = DefaultDatabase.OpenEmbedded())
        using (var copy = new MemoryStream())
        {
            resource.CopyTo(copy);
            _builtIn = copy.ToArray();
        }

        _dir = Directory.CreateTempSubdirectory("cpucompat-bench-").FullName;
        _map = Path.Combine(_dir, "cpu_map");
        Directory.CreateDirectory(_map);
        foreach (var (name, content) in CpuMapExport.Render(_compat.Database).Files)
        {
            File.WriteAllText(Path.Combine(_map, name), content);
        }

        _cache = new CpuMapCache(Path.Combine(_dir, "cache"));
        _ = LoadCached();
        var examples = Path.Combine(EngineBenchmarks.RepoRoot(), "data", "examples");
        _poolFile = File.ReadAllText(Path.Combine(examples, "pool-east.xml"));
        _host = [JsonDocument.Parse(File.ReadLines(Path.Combine(examples, "fleet.jsonl")).First()).RootElement.GetProperty("cpu").GetString()!];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>The built-in database from its embedded bytes, as every process that uses it starts.</summary>
    [Benchmark]
    public int ReadBuiltInDatabase() => DatabaseReader.Read(_builtIn).Value.Architectures.Count();

    [Benchmark]
    public int LoadCpuMapXml() => CpuCompatibility.Open(DatabaseSource.CpuMap(_map)).Value.Database.Architectures.Count();

    [Benchmark]
    public int LoadCpuMapCacheHit() => LoadCached();

    [Benchmark]
    public int ParseThreeHostFile() => _compat.ReadCpus(_poolFile, "pool-east.xml").Value.Length;

    [Benchmark]
    public int ParseOneHostText() => _compat.ReadDistinctCpus(_host).Value.Cpus.Length;

    private int LoadCached() => CpuCompatibility.Open(DatabaseSource.CpuMap(_map, _cache)).Value.Database.Architectures.Count();
}
