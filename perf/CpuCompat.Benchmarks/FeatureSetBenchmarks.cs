using BenchmarkDotNet.Attributes;
using CpuCompat.Core.Features;

namespace CpuCompat.Benchmarks;

/// <summary>The bitset operations every algorithm is built from.</summary>
[MemoryDiagnoser]
public class FeatureSetBenchmarks
{
    private FeatureSet _a;
    private FeatureSet _b;
    private FeatureSet[] _hosts = [];
    private FeatureSet[] _models = [];
    private FeatureSet _host;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _a = FeatureSet.Of(Enumerable.Range(0, 364).Where(_ => random.Next(2) == 0));
        _b = FeatureSet.Of(Enumerable.Range(0, 364).Where(_ => random.Next(3) != 0));

        // 1,000 hosts that share most features, and 200 models of which two in three fit one host.
        _hosts = [.. Enumerable.Range(0, 1000).Select(_ => FeatureSet.Of(Enumerable.Range(0, 364).Where(_ => random.Next(40) != 0)))];
        _host = _hosts[0];
        _models = [.. Enumerable.Range(0, 200).Select(m => FeatureSet.Of(Enumerable.Range(0, 364).Where(id => (m % 3 != 0 ? _host.Contains(id) : random.Next(2) == 0) && random.Next(2) == 0)))];
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

    /// <summary>The intersection of 1,000 hosts with the reduction kernel (accumulator in registers).</summary>
    [Benchmark]
    public FeatureSet IntersectAll1000() => FeatureSet.IntersectAll(_hosts);

    /// <summary>The same as a loop of <c>&amp;=</c>, as the engine's callers wrote it before: a stored accumulator.</summary>
    [Benchmark]
    public FeatureSet FoldAnd1000()
    {
        var shared = FeatureSet.FirstN(FeatureSet.Capacity);
        foreach (var host in _hosts)
        {
            shared &= host;
        }

        return shared;
    }

    /// <summary>
    /// A host-model scoring pass over 200 models written with the public operations, as engine code is (subset, then
    /// the count of what is left out): what the dedicated kernel in <see cref="KernelBenchmarks"/> is set against.
    /// </summary>
    [Benchmark]
    public int ScoringPassWithSetOperations()
    {
        int best = -1, fewest = int.MaxValue;
        for (var i = 0; i < _models.Length; i++)
        {
            if (_models[i].IsSubsetOf(_host) && _host.Except(_models[i]).PopCount() is var leftOut && leftOut < fewest)
            {
                (best, fewest) = (i, leftOut);
            }
        }

        return best;
    }
}
