using CpuCompat.Core.Features.Kernels;
using CpuCompat.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.Core.Tests.Features.Kernels;

/// <summary>
/// The kernels that walk a span of many sets (<see cref="BitKernels.AndReduce"/>, <see cref="BitKernels.BestSubset"/>)
/// on every tier this machine runs, against a plain scalar reference: at 8 and 16 words (the register paths) and every
/// other width up to 40 (the fold), with FsCheck-random contents and the laws an intersection obeys.
/// </summary>
public sealed class ReductionKernelsTests
{
    public static TheoryData<VectorTier> Tiers => BitKernelsTests.Tiers;

    /// <summary>Sets of one width that share a random core, so that their intersection is rarely empty.</summary>
    private static Gen<(int Width, ulong[] Sets)> SetsOfWidth(int width) =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 24)))
        from core in Gen.ArrayOf(KernelReference.Word, width)
        from extras in Gen.ArrayOf(KernelReference.Word, width * count)
        from cleared in Gen.Choose(-1, Math.Max(0, (width * count) - 1))
        from bit in Gen.Choose(0, 63)
        select (width, extras.Select((e, i) => (core[i % width] | e) & (i == cleared ? ~(1UL << bit) : ulong.MaxValue)).ToArray());

    /// <summary>Mostly the register widths (8 and 16 words), the rest every width from 1 to 40.</summary>
    private static Gen<(int Width, ulong[] Sets)> AnySets { get; } = Gen.Frequency(
        (2, SetsOfWidth(8)),
        (2, SetsOfWidth(16)),
        (2, Gen.Choose(1, KernelReference.MaxLength).SelectMany(SetsOfWidth)));

    private static ulong[] ReferenceReduce(ulong[] sets, int width)
    {
        var acc = Enumerable.Repeat(ulong.MaxValue, width).ToArray();
        for (var i = 0; i < sets.Length; i++)
        {
            acc[i % width] &= sets[i];
        }

        return acc;
    }

    private static ulong[] Reduce(ulong[] sets, int width, VectorTier tier)
    {
        var result = new ulong[width];
        BitKernels.AndReduce(sets, result, tier);
        return result;
    }

    private static void ForAll(Gen<(int Width, ulong[] Sets)> gen, Action<(int Width, ulong[] Sets)> body) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(gen.ToArbitrary(), body));

    [Theory]
    [MemberData(nameof(Tiers))]
    public void AndReduce_matches_the_scalar_reference(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        ForAll(AnySets, c =>
        {
            Assert.Equal(ReferenceReduce(c.Sets, c.Width), Reduce(c.Sets, c.Width, tier));
            Assert.Equal(Reduce(c.Sets, c.Width, VectorTier.Scalar), Reduce(c.Sets, c.Width, tier));
        });
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void AndReduce_of_two_halves_is_the_intersection_of_their_reductions(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        var gen = from c in AnySets
                  from split in Gen.Choose(0, c.Sets.Length / c.Width)
                  select (c, split);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var ((width, sets), split) = t;
            var left = Reduce(sets[..(split * width)], width, tier);
            var right = Reduce(sets[(split * width)..], width, tier);
            Assert.Equal(left.Zip(right, (a, b) => a & b), Reduce(sets, width, tier));
        }));
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void AndReduce_gives_a_subset_of_every_set_and_all_ones_for_none(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        ForAll(AnySets, c =>
        {
            var result = Reduce(c.Sets, c.Width, tier);
            for (var at = 0; at < c.Sets.Length; at += c.Width)
            {
                Assert.True(KernelReference.AllZero(BitOp.AndNot, result, c.Sets[at..(at + c.Width)]));
            }

            Assert.All(Reduce([], c.Width, tier), w => Assert.Equal(ulong.MaxValue, w));
        });
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void AndReduce_sees_one_cleared_bit_in_every_word_of_every_set(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        foreach (var width in (int[])[8, 16, 5])
        {
            const int count = 3;
            for (var at = 0; at < width * count; at++)
            {
                var sets = Enumerable.Repeat(ulong.MaxValue, width * count).ToArray();
                sets[at] = ~(1UL << (at % 64));
                var expected = Enumerable.Repeat(ulong.MaxValue, width).ToArray();
                expected[at % width] = sets[at];
                Assert.Equal(expected, Reduce(sets, width, tier));
            }
        }
    }

    private static int ReferenceBestSubset(ulong[] host, ulong[] models)
    {
        int best = -1, fewest = int.MaxValue;
        for (var i = 0; i < models.Length / Math.Max(1, host.Length); i++)
        {
            var model = models[(i * host.Length)..((i + 1) * host.Length)];
            if (KernelReference.AllZero(BitOp.AndNot, model, host))
            {
                var leftOut = KernelReference.PopCount(KernelReference.Apply(BitOp.AndNot, host, model));
                if (leftOut < fewest)
                {
                    (best, fewest) = (i, leftOut);
                }
            }
        }

        return best;
    }

    /// <summary>A host and models that are its subsets, the host itself (ties), one bit over it, or unrelated.</summary>
    private static Gen<(ulong[] Host, ulong[] Models)> ScoringOfWidth(int width) =>
        from host in Gen.ArrayOf(KernelReference.Word, width)
        from count in Gen.Choose(0, 30)
        from patterns in Gen.ArrayOf(Gen.Choose(0, 4), count)
        from randoms in Gen.ArrayOf(KernelReference.Word, width * count)
        from at in Gen.Choose(0, width - 1)
        from bit in Gen.Choose(0, 63)
        select (host, Enumerable.Range(0, width * count).Select(i => patterns[i / width] switch
        {
            0 or 1 => host[i % width] & randoms[i],
            2 => host[i % width],
            3 => host[i % width] | (i % width == at ? 1UL << bit : 0),
            _ => randoms[i],
        }).ToArray());

    [Theory]
    [MemberData(nameof(Tiers))]
    public void BestSubset_matches_the_scalar_reference(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        var gen = Gen.Frequency(
            (2, ScoringOfWidth(8)),
            (2, ScoringOfWidth(16)),
            (2, Gen.Choose(1, KernelReference.MaxLength).SelectMany(ScoringOfWidth)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(gen.ToArbitrary(), c =>
        {
            Assert.Equal(ReferenceBestSubset(c.Host, c.Models), BitKernels.BestSubset(c.Host, c.Models, tier));
            Assert.Equal(BitKernels.BestSubset(c.Host, c.Models, VectorTier.Scalar), BitKernels.BestSubset(c.Host, c.Models, tier));
        }));
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void BestSubset_finds_none_when_each_model_has_one_bit_the_host_lacks(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        foreach (var width in (int[])[8, 16, 3])
        {
            var host = new ulong[width];
            var models = new ulong[width * width];
            for (var i = 0; i < width; i++)
            {
                models[(i * width) + i] = 1UL << (i * 7 % 64);
            }

            Assert.Equal(-1, BitKernels.BestSubset(host, models, tier));
            Assert.Equal(-1, BitKernels.BestSubset(host, [], tier));
        }
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Kernels_over_many_sets_reject_a_span_of_partial_sets(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        Assert.Throws<ArgumentException>(() => BitKernels.AndReduce(new ulong[17], new ulong[8], tier));
        Assert.Throws<ArgumentException>(() => BitKernels.AndReduce(new ulong[1], [], tier));
        Assert.Throws<ArgumentException>(() => BitKernels.BestSubset(new ulong[8], new ulong[12], tier));
        Assert.Throws<ArgumentException>(() => BitKernels.BestSubset([], new ulong[1], tier));
        Assert.Equal(-1, BitKernels.BestSubset([], [], tier));
    }
}
