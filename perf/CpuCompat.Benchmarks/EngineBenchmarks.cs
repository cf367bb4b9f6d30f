using BenchmarkDotNet.Attributes;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Serialization;
using CpuCompat.Data;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Benchmarks;

/// <summary>
/// The operations behind the commands, in-process on the built-in database: reading the database, decoding a
/// host CPU from CPUID data, and the baseline of pools of 3 and 1,000 host CPUs.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private byte[] _database = [];
    private CpuEngine _engine = null!;
    private CpuData _data = CpuData.Empty;
    private List<CpuDefinition> _pool3 = [];
    private List<CpuDefinition> _pool1000 = [];

    [GlobalSetup]
    public void Setup()
    {
        var db = DefaultDatabase.Value;
        _database = DatabaseWriter.ToBytes(db);
        _engine = new CpuEngine(db);
        var examples = Path.Combine(RepoRoot(), "data", "examples", "pool-east.xml");
        _pool3 = [.. CpuXmlReader.ReadAllCpus(File.ReadAllText(examples), examples, CpuXmlType.Auto, db.Generation).Cpus];
        _pool1000 = [.. Enumerable.Range(0, 1000).Select(i => _pool3[i % 3])];

        // A Skylake-Server host's data, built from the model's own features plus a vendor and a signature.
        var x86 = db.X86!;
        var model = x86.FindModel("Skylake-Server-IBRS")!;
        _data = _engine.DataFromProperties(x86.NamesOf(model.Features), "GenuineIntel", new CpuSignature(6, 85, 4)).Value;
    }

    [Benchmark]
    public CpuDatabase ReadDatabase() => DatabaseReader.Read(_database).Value;

    [Benchmark]
    public CpuDefinition DecodeHost() =>
        _engine.DecodeHost(_data).Value;

    [Benchmark]
    public CpuDefinition Baseline3() => _engine.Baseline(_pool3).Value;

    [Benchmark]
    public CpuDefinition Baseline1000() => _engine.Baseline(_pool1000).Value;

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CpuCompat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
