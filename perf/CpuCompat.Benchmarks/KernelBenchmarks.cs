using BenchmarkDotNet.Attributes;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CpuCompat.Core.Features.Kernels;

namespace CpuCompat.Benchmarks;

/// <summary>
/// The three kernels of issue 10's target 5 on the data perf/limits/limits.c uses, at every vector width this
/// machine runs and the scalar path, at 512 bits (8 words, a feature set) and 1024 bits (16 words, the width of the
/// issue's C figures). Each operation is one subset test, one set reduced, or one scoring pass over 200 models.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    /// <summary>16 KB of pairs, as in limits.c: L1-resident, so this is the kernel, not the cache.</summary>
    private const int PairBytes = 16 << 10;

    /// <summary>2 Mi sets, 128 MB at 512 bits and 256 MB at 1024, far beyond the caches: the reduction is memory-bound.</summary>
    private const int ReducedSets = 1 << 21;

    /// <summary>Tests per invocation: 8 passes over the 128 pairs of 512 bits, 16 over the 64 of 1024.</summary>
    private const int SubsetTests = 1024;

    private const int Models = 200;

    private ulong[] _a = [];
    private ulong[] _b = [];
    private ulong[] _sets = [];
    private ulong[] _host = [];
    private ulong[] _models = [];
    private ulong[] _reduced = [];

    /// <summary>The tiers that run here: a wider one would be emulated, and its figure would mean nothing.</summary>
    public static IEnumerable<VectorTier> Tiers => Enum.GetValues<VectorTier>().Where(BitKernels.IsSupported);

    [ParamsSource(nameof(Tiers))]
    public VectorTier Tier { get; set; }

    [Params(8, 16)]
    public int Words { get; set; }

    private int Pairs => PairBytes / 2 / (Words * 8);


    /// <summary>xorshift64, as in limits.c: the setups fill up to 256 MB, and <see cref="Random"/> would take seconds.</summary>
    private ulong _state = 0x9E3779B97F4A7C15;

    private ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }

    /// <summary>a is b with bits cleared: every test passes and reads every word.</summary>
    [GlobalSetup(Target = nameof(Subset))]
    public void SetupSubset()
    {
        _b = new ulong[Pairs * Words];
        _a = new ulong[_b.Length];
        for (var i = 0; i < _b.Length; i++)
        {
            _b[i] = Next();
            _a[i] = _b[i] & Next();
        }
    }

    /// <summary>Four random words ANDed and inverted: a set has about 1 bit in 16 clear.</summary>
    [GlobalSetup(Target = nameof(AndReduce))]
    public void SetupReduce()
    {
        _sets = new ulong[ReducedSets * Words];
        for (var i = 0; i < _sets.Length; i++)
        {
            _sets[i] = ~(Next() & Next() & Next() & Next());
        }

        _reduced = new ulong[Words];
    }

    /// <summary>Two models in three a subset of the host, the others not.</summary>
    [GlobalSetup(Target = nameof(ScoringPass))]
    public void SetupScoring()
    {
        _host = new ulong[Words];
        for (var i = 0; i < Words; i++)
        {
            _host[i] = Next();
        }

        _models = new ulong[Models * Words];
        for (var i = 0; i < _models.Length; i++)
        {
            _models[i] = ((i / Words) % 3 != 0 ? _host[i % Words] : Next()) & Next();
        }
    }

    /// <summary>Lets the next case's setup reuse the memory: a 256 MB span must not wait for the collector.</summary>
    [GlobalCleanup]
    public void Cleanup() => (_a, _b, _sets, _host, _models) = ([], [], [], [], []);

    /// <summary>One subset test of a pair, the caller looping over 16 KB of pairs as limits.c does.</summary>
    /// <remarks>
    /// The tier and the width are chosen once per invocation and are constants inside the loop, as they are where the
    /// engine tests sets (<see cref="CpuCompat.Core.Features.FeatureSet.IsSubsetOf"/>: <see cref="BitKernels.BestTier"/>
    /// and a fixed eight words). Read from properties inside the loop, they measured the tier switch and the length
    /// checks of every call, not the test.
    /// </remarks>
    [Benchmark(OperationsPerInvoke = SubsetTests)]
    public int Subset() => (Tier, Words) switch
    {
        (VectorTier.Vector512, 8) => SubsetPass<Tier512, Width8>(),
        (VectorTier.Vector512, _) => SubsetPass<Tier512, Width16>(),
        (VectorTier.Vector256, 8) => SubsetPass<Tier256, Width8>(),
        (VectorTier.Vector256, _) => SubsetPass<Tier256, Width16>(),
        (VectorTier.Vector128, 8) => SubsetPass<Tier128, Width8>(),
        (VectorTier.Vector128, _) => SubsetPass<Tier128, Width16>(),
        (_, 8) => SubsetPass<TierScalar, Width8>(),
        _ => SubsetPass<TierScalar, Width16>(),
    };

    private int SubsetPass<TTier, TWidth>()
        where TTier : struct, IConstant<VectorTier>
        where TWidth : struct, IConstant<int>
    {
        // The pairs are addressed as limits.c addresses them, by offset from the start with no bounds check per
        // pair: Slice's two checks and the bool-to-int conversion were a third of the loop's instructions.
        var hits = 0;
        ref var a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_b);
        var end = _a.Length - TWidth.Value;
        for (var rep = 0; rep < SubsetTests / Pairs; rep++)
        {
            for (var at = 0; at <= end; at += TWidth.Value)
            {
                var pass = BitKernels.AllZero<AndNotOperator>(
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref a, at), TWidth.Value),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, at), TWidth.Value),
                    TTier.Value);
                hits += Unsafe.BitCast<bool, byte>(pass);
            }
        }

        return hits;
    }

    /// <summary>One set of a 2 Mi-set span ANDed into the accumulator.</summary>
    [Benchmark(OperationsPerInvoke = ReducedSets)]
    public ulong AndReduce()
    {
        BitKernels.AndReduce(_sets, _reduced, Tier);
        return _reduced[0];
    }

    /// <summary>One pass over 200 models: subset test of each, then the count of what it leaves out of the host.</summary>
    [Benchmark]
    public int ScoringPass() => BitKernels.BestSubset(_host, _models, Tier);

    /// <summary>A value the JIT sees as a constant in each struct instantiation of a generic method.</summary>
    private interface IConstant<T>
    {
        static abstract T Value { get; }
    }

    private readonly struct Tier512 : IConstant<VectorTier>
    {
        public static VectorTier Value => VectorTier.Vector512;
    }

    private readonly struct Tier256 : IConstant<VectorTier>
    {
        public static VectorTier Value => VectorTier.Vector256;
    }

    private readonly struct Tier128 : IConstant<VectorTier>
    {
        public static VectorTier Value => VectorTier.Vector128;
    }

    private readonly struct TierScalar : IConstant<VectorTier>
    {
        public static VectorTier Value => VectorTier.Scalar;
    }

    private readonly struct Width8 : IConstant<int>
    {
        public static int Value => 8;
    }

    private readonly struct Width16 : IConstant<int>
    {
        public static int Value => 16;
    }
}
