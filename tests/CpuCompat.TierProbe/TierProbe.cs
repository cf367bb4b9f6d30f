using System.Numerics;
using System.Runtime.Intrinsics;
using CpuCompat.Core.Features.Kernels;

namespace CpuCompat.TierProbe;

/// <summary>
/// Reports the tier <see cref="BitKernels"/> runs in this process (<c>tier=...</c>) and checks every kernel on that
/// tier against a scalar reference over all lengths 0..40; prints <c>ok</c>, or one <c>mismatch ...</c> line per failure.
/// </summary>
/// <remarks>
/// The vector ISA switches (<c>DOTNET_EnableAVX512=0</c> and friends) are read once at runtime start-up, so the only
/// way to test the narrower tiers on a wide machine is a fresh process; CpuCompat.Core.Tests starts this one.
/// </remarks>
public static class TierProbe
{
    public const int MaxLength = 40;

    /// <summary>Fixed so that a mismatch reproduces; 25 rounds per length and pattern.</summary>
    private const int Seed = 20250601;
    private const int Rounds = 25;

    public static int Run(TextWriter output)
    {
        output.WriteLine($"tier={BitKernels.BestTier}");
        output.WriteLine(
            $"accelerated: vector128={Vector128.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} " +
            $"vector512={Vector512.IsHardwareAccelerated}");

        var mismatches = Check(BitKernels.BestTier).ToList();
        foreach (var m in mismatches)
        {
            output.WriteLine("mismatch " + m);
        }

        if (mismatches.Count == 0)
        {
            output.WriteLine("ok");
        }

        return mismatches.Count == 0 ? 0 : 1;
    }

    /// <summary>Every disagreement between the kernels on <paramref name="tier"/> and the scalar reference.</summary>
    public static IEnumerable<string> Check(VectorTier tier)
    {
        var random = new Random(Seed);
        for (var length = 0; length <= MaxLength; length++)
        {
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var pattern in Enum.GetValues<Pattern>())
                {
                    var (x, y) = Make(random, length, pattern);
                    foreach (var m in CheckPair(x, y, tier))
                    {
                        yield return $"{m} length={length} pattern={pattern}";
                    }
                }
            }
        }
    }

    private enum Pattern
    {
        Independent,
        Equal,
        Subset,
        Disjoint,
        OneBitApart,
    }

    private static (ulong[] X, ulong[] Y) Make(Random random, int length, Pattern pattern)
    {
        var x = new ulong[length];
        var y = new ulong[length];
        for (var i = 0; i < length; i++)
        {
            x[i] = Word(random);
            y[i] = pattern switch
            {
                Pattern.Independent => Word(random),
                Pattern.Equal or Pattern.OneBitApart => x[i],
                Pattern.Subset => x[i] | Word(random),
                _ => ~x[i] & Word(random),
            };
        }

        if (pattern == Pattern.OneBitApart && length > 0)
        {
            y[random.Next(length)] ^= 1UL << random.Next(64);
        }

        return (x, y);
    }

    /// <summary>Mostly random words, with zeros, all-ones and single bits often enough to hit every edge.</summary>
    private static ulong Word(Random random) => random.Next(6) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => 1UL << random.Next(64),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };

    private static IEnumerable<string> CheckPair(ulong[] x, ulong[] y, VectorTier tier)
    {
        var d = new ulong[x.Length];
        BitKernels.Apply<AndOperator>(x, y, d, tier);
        if (!d.SequenceEqual(x.Zip(y, (a, b) => a & b)))
        {
            yield return "Apply<And>";
        }

        BitKernels.Apply<OrOperator>(x, y, d, tier);
        if (!d.SequenceEqual(x.Zip(y, (a, b) => a | b)))
        {
            yield return "Apply<Or>";
        }

        BitKernels.Apply<AndNotOperator>(x, y, d, tier);
        if (!d.SequenceEqual(x.Zip(y, (a, b) => a & ~b)))
        {
            yield return "Apply<AndNot>";
        }

        BitKernels.Apply<XorOperator>(x, y, d, tier);
        if (!d.SequenceEqual(x.Zip(y, (a, b) => a ^ b)))
        {
            yield return "Apply<Xor>";
        }

        if (BitKernels.AllZero<AndOperator>(x, y, tier) != x.Zip(y).All(p => (p.First & p.Second) == 0))
        {
            yield return "AllZero<And>";
        }

        if (BitKernels.AllZero<OrOperator>(x, y, tier) != x.Zip(y).All(p => (p.First | p.Second) == 0))
        {
            yield return "AllZero<Or>";
        }

        if (BitKernels.AllZero<AndNotOperator>(x, y, tier) != x.Zip(y).All(p => (p.First & ~p.Second) == 0))
        {
            yield return "AllZero<AndNot>";
        }

        if (BitKernels.AllZero<XorOperator>(x, y, tier) != x.Zip(y).All(p => p.First == p.Second))
        {
            yield return "AllZero<Xor>";
        }

        if (BitKernels.IsZero(x, tier) != x.All(w => w == 0))
        {
            yield return "IsZero";
        }

        if (BitKernels.PopCount(x) != x.Sum(ScalarPopCount))
        {
            yield return "PopCount";
        }

        // The many-set kernels on the pair as two sets of this width: register paths at 8 and 16 words, the fold elsewhere.
        var width = x.Length;
        ulong[] both = [.. x, .. y];
        var reduced = new ulong[width];
        BitKernels.AndReduce(both, reduced, tier);
        if (!reduced.SequenceEqual(x.Zip(y, (a, b) => a & b)))
        {
            yield return "AndReduce";
        }

        if (width > 0 && BitKernels.BestSubset(y, both, tier) != ReferenceBestSubset(x, y))
        {
            yield return "BestSubset";
        }
    }

    /// <summary>Of the models x and y (in that order) against host y: y always fits, x when it is a subset; fewest left out, first on a tie.</summary>
    private static int ReferenceBestSubset(ulong[] x, ulong[] y)
    {
        // y leaves none of itself out, so x wins only by fitting and leaving none out too: being equal to y.
        var xFits = x.Zip(y).All(p => (p.First & ~p.Second) == 0);
        var xLeavesOut = x.Zip(y, (a, b) => ScalarPopCount(b & ~a)).Sum();
        return xFits && xLeavesOut == 0 ? 0 : 1;
    }

    /// <summary>Bit by bit, so that it does not share the POPCNT instruction with the kernel it checks.</summary>
    private static int ScalarPopCount(ulong word)
    {
        var count = 0;
        for (; word != 0; word >>= 1)
        {
            count += (int)(word & 1);
        }

        return count;
    }
}
