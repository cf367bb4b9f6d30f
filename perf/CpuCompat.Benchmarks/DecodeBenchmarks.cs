using BenchmarkDotNet.Attributes;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Data;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Benchmarks;

/// <summary>
/// Issue 10's single answers on real CPUs (libvirt 11.3.0's test data, the built-in database's facts): the host-model
/// decode of one CPU from its <c>&lt;cpudata&gt;</c> text, by the span scanner and by the full XML reader; the
/// decode alone on data already read; and <c>cpu-compare</c> of the CPU libvirt gives a host-model guest on that
/// host with the host's own definition, both already parsed.
/// </summary>
/// <remarks>The inputs are read from the shared reference folder (<c>CPUCOMPAT_SHARED</c>, or <c>shared</c> beside the repository).</remarks>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private CpuEngine _engine = null!;
    private string _text = "";
    private CpuData _data = CpuData.Empty;
    private CpuDefinition _host = null!;
    private CpuDefinition _guest = null!;

    [Params("Core-i7-8700", "EPYC-7502-32-Core")]
    public string Cpu { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var db = DefaultDatabase.Value;
        _engine = new CpuEngine(db);
        var dir = TestData();
        string Read(string suffix) => File.ReadAllText(Path.Combine(dir, $"x86_64-cpuid-{Cpu}{suffix}.xml"));
        _text = Read("");
        _data = CpuDataXmlReader.Read(_text, Cpu).Data ?? throw new InvalidOperationException($"{Cpu}: the data does not read");
        _host = CpuXmlReader.Read(Read("-host"), "host.xml", CpuXmlType.Host, db.Generation).Cpu
            ?? throw new InvalidOperationException($"{Cpu}: the host CPU does not read");
        _guest = CpuXmlReader.Read(Read("-guest"), "guest.xml", CpuXmlType.Guest, db.Generation).Cpu
            ?? throw new InvalidOperationException($"{Cpu}: the guest CPU does not read");

        // Same answers on both paths, and the answers libvirt's own files give, before anything is timed.
        if (CpuXmlWriter.Format(DecodeFromText(), db.Generation) != CpuXmlWriter.Format(DecodeFromTextFullReader(), db.Generation)
            || CompareParsed().Result == CompareResult.Incompatible)
        {
            throw new InvalidOperationException($"{Cpu}: the scanner and the full reader disagree, or the guest does not fit its host");
        }
    }

    [Benchmark]
    public CpuData ScanText() => CpuDataXmlReader.Read(_text, Cpu).Data!;

    [Benchmark]
    public CpuData ReadTextFullReader() => CpuDataXmlReader.ReadDocument(_text, Cpu).Data!;

    /// <summary>Target 4: at most 10 µs.</summary>
    [Benchmark(Baseline = true)]
    public CpuDefinition DecodeFromText() => _engine.DecodeHost(CpuDataXmlReader.Read(_text, Cpu).Data!).Value;

    [Benchmark]
    public CpuDefinition DecodeFromTextFullReader() => _engine.DecodeHost(CpuDataXmlReader.ReadDocument(_text, Cpu).Data!).Value;

    [Benchmark]
    public CpuDefinition DecodeParsed() => _engine.DecodeHost(_data).Value;

    /// <summary>Target 4: at most 5 µs.</summary>
    [Benchmark]
    public CompareOutcome CompareParsed() => _engine.Compare(_host, _guest).Value;

    private static string TestData()
    {
        var shared = Environment.GetEnvironmentVariable("CPUCOMPAT_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.Combine(EngineBenchmarks.RepoRoot(), "..", "shared");
        var dir = Path.Combine(shared, "libvirt", "11.3.0", "cputestdata");
        return Directory.Exists(dir)
            ? dir
            : throw new InvalidOperationException($"DecodeBenchmarks read libvirt's CPU test data from '{dir}', which does not exist: set CPUCOMPAT_SHARED to the shared reference folder.");
    }
}
