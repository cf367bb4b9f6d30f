using CpuCompat.Core.Features.Kernels;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.Core.Tests.Support;

/// <summary>The four element-wise operators, as a public value a theory can take.</summary>
public enum BitOp
{
    And,
    Or,
    AndNot,
    Xor,
}

/// <summary>
/// A plain scalar reference for every kernel, written without the operator structs, plus generators of word
/// arrays that hit the edges vector code gets wrong: zeros, all-ones, single bits, equal and one-bit-apart pairs.
/// </summary>
internal static class KernelReference
{
    /// <summary>Covers no vector, part of each width, whole widths and tails of every length on every tier.</summary>
    public const int MaxLength = 40;

    public static ulong Invoke(BitOp op, ulong x, ulong y) => op switch
    {
        BitOp.And => x & y,
        BitOp.Or => x | y,
        BitOp.AndNot => x & ~y,
        _ => x ^ y,
    };

    public static ulong[] Apply(BitOp op, ulong[] x, ulong[] y) => [.. x.Zip(y, (a, b) => Invoke(op, a, b))];

    public static bool AllZero(BitOp op, ulong[] x, ulong[] y) => x.Zip(y).All(p => Invoke(op, p.First, p.Second) == 0);

    /// <summary>Bit by bit, so that the reference does not share the POPCNT instruction with the kernel.</summary>
    public static int PopCount(ulong[] x)
    {
        var count = 0;
        foreach (var word in x)
        {
            for (var w = word; w != 0; w >>= 1)
            {
                count += (int)(w & 1);
            }
        }

        return count;
    }

    /// <summary>Runs the kernel for <paramref name="op"/> on <paramref name="tier"/>.</summary>
    public static void KernelApply(BitOp op, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, VectorTier tier)
    {
        switch (op)
        {
            case BitOp.And: BitKernels.Apply<AndOperator>(x, y, d, tier); break;
            case BitOp.Or: BitKernels.Apply<OrOperator>(x, y, d, tier); break;
            case BitOp.AndNot: BitKernels.Apply<AndNotOperator>(x, y, d, tier); break;
            default: BitKernels.Apply<XorOperator>(x, y, d, tier); break;
        }
    }

    public static bool KernelAllZero(BitOp op, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, VectorTier tier) => op switch
    {
        BitOp.And => BitKernels.AllZero<AndOperator>(x, y, tier),
        BitOp.Or => BitKernels.AllZero<OrOperator>(x, y, tier),
        BitOp.AndNot => BitKernels.AllZero<AndNotOperator>(x, y, tier),
        _ => BitKernels.AllZero<XorOperator>(x, y, tier),
    };

    /// <summary>A word uniform over all 2^64 values (FsCheck's own integers are kept small by its size parameter).</summary>
    public static Gen<ulong> Full64 { get; } =
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)hi << 32) | (uint)lo;

    /// <summary>Mostly random words, with zeros, all-ones and single bits often enough to hit every edge.</summary>
    public static Gen<ulong> Word { get; } = Gen.Frequency(
        (1, Gen.Constant(0UL)),
        (1, Gen.Constant(ulong.MaxValue)),
        (1, Gen.Choose(0, 63).Select(b => 1UL << b)),
        (4, Full64));

    /// <summary>
    /// Two arrays of <paramref name="length"/> words: independent, equal, y a superset of x, disjoint, or equal but for
    /// one bit at a random word (so a lane that a vector loop skips shows up).
    /// </summary>
    public static Gen<(ulong[] X, ulong[] Y)> Pair(int length) =>
        from x in Gen.ArrayOf(Word, length)
        from extra in Gen.ArrayOf(Word, length)
        from pattern in Gen.Choose(0, 4)
        from at in Gen.Choose(0, Math.Max(0, length - 1))
        from bit in Gen.Choose(0, 63)
        select (x, pattern switch
        {
            0 => extra,
            1 => (ulong[])x.Clone(),
            2 => [.. x.Zip(extra, (a, b) => a | b)],
            3 => [.. x.Zip(extra, (a, b) => ~a & b)],
            _ => [.. x.Select((a, i) => i == at ? a ^ (1UL << bit) : a)],
        });

    /// <summary>One pair for every length 0..<see cref="MaxLength"/>: each generated case checks every length.</summary>
    public static Arbitrary<(ulong[] X, ulong[] Y)[]> EveryLength { get; } =
        Gen.CollectToArray(Enumerable.Range(0, MaxLength + 1), Pair).ToArbitrary();

    /// <summary>Runs <paramref name="body"/> on 100 generated cases and throws on the first failure.</summary>
    public static void ForAllLengths(Action<(ulong[] X, ulong[] Y)[]> body) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(EveryLength, body));
}
