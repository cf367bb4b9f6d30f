using BenchmarkDotNet.Attributes;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;
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
    private X86Input _input = null!;
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
        var x86 = _engine.X86!;
        var model = x86.Database.FindModel("Skylake-Server-IBRS")!;
        _input = X86Input.FromFeatures(model.Features, x86.Database.FindVendor("Intel"), new CpuSignature(6, 85, 4).ToEax());
    }

    [Benchmark]
    public CpuDatabase ReadDatabase() => DatabaseReader.Read(_database).Value;

    [Benchmark]
    public CpuDefinition DecodeHost() =>
        _engine.X86!.Decode(new X86DecodeRequest(CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom }, _input)).Value;

    [Benchmark]
    public CpuDefinition Baseline3() => _engine.Baseline(_pool3).Value;

    [Benchmark]
    public CpuDefinition Baseline1000() => _engine.Baseline(_pool1000).Value;

    private static string RepoRoot()
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
