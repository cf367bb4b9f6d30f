using BenchmarkDotNet.Attributes;
using CpuCompat.Core.Features;

namespace CpuCompat.Benchmarks;

/// <summary>The bitset operations every algorithm is built from.</summary>
[MemoryDiagnoser]
public class FeatureSetBenchmarks
{
    private FeatureSet _a;
    private FeatureSet _b;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _a = FeatureSet.Of(Enumerable.Range(0, 364).Where(_ => random.Next(2) == 0));
        _b = FeatureSet.Of(Enumerable.Range(0, 364).Where(_ => random.Next(3) != 0));
    }

    [Benchmark]
    public FeatureSet And() => _a & _b;

    [Benchmark]
    public FeatureSet AndNot() => _a.Except(_b);

    [Benchmark]
    public bool IsSubsetOf() => _a.IsSubsetOf(_b);

    [Benchmark]
    public int PopCount() => _a.PopCount();

    [Benchmark]
    public bool Equal() => _a == _b;
}
