using System.Runtime.Intrinsics;
using CpuCompat.Core.Features.Kernels;
using CpuCompat.Core.Tests.Support;

namespace CpuCompat.Core.Tests.Features.Kernels;

/// <summary>
/// The tier matrix: every kernel on every tier this machine can run, against a scalar reference, over all lengths
/// 0..40 and FsCheck-random contents. Tiers the machine cannot run are skipped, visibly; the child-process tests
/// (<see cref="BitKernelsChildProcessTests"/>) cover what the ISA switches select.
/// </summary>
public sealed class BitKernelsTests
{
    public static TheoryData<VectorTier> Tiers => [.. Enum.GetValues<VectorTier>()];

    public static TheoryData<VectorTier, BitOp> TiersAndOperators
    {
        get
        {
            var data = new TheoryData<VectorTier, BitOp>();
            foreach (var tier in Enum.GetValues<VectorTier>())
            {
                foreach (var op in Enum.GetValues<BitOp>())
                {
                    data.Add(tier, op);
                }
            }

            return data;
        }
    }

    /// <summary>Skips (visibly) a tier wider than this process accelerates.</summary>
    internal static void SkipUnlessSupported(VectorTier tier)
    {
        if (!BitKernels.IsSupported(tier))
        {
            Assert.Skip($"{tier} is not accelerated in this process (best tier: {BitKernels.BestTier}).");
        }
    }

    [Theory]
    [MemberData(nameof(TiersAndOperators))]
    public void Apply_matches_the_scalar_reference_at_every_length(VectorTier tier, BitOp op)
    {
        SkipUnlessSupported(tier);
        KernelReference.ForAllLengths(cases =>
        {
            foreach (var (x, y) in cases)
            {
                var actual = new ulong[x.Length];
                KernelReference.KernelApply(op, x, y, actual, tier);
                Assert.Equal(KernelReference.Apply(op, x, y), actual);
            }
        });
    }

    [Theory]
    [MemberData(nameof(TiersAndOperators))]
    public void Apply_can_write_over_its_first_operand(VectorTier tier, BitOp op)
    {
        SkipUnlessSupported(tier);
        KernelReference.ForAllLengths(cases =>
        {
            foreach (var (x, y) in cases)
            {
                var expected = KernelReference.Apply(op, x, y);
                var inPlace = (ulong[])x.Clone();
                KernelReference.KernelApply(op, inPlace, y, inPlace, tier);
                Assert.Equal(expected, inPlace);
            }
        });
    }

    [Theory]
    [MemberData(nameof(TiersAndOperators))]
    public void AllZero_matches_the_scalar_reference_at_every_length(VectorTier tier, BitOp op)
    {
        SkipUnlessSupported(tier);
        KernelReference.ForAllLengths(cases =>
        {
            foreach (var (x, y) in cases)
            {
                Assert.Equal(KernelReference.AllZero(op, x, y), KernelReference.KernelAllZero(op, x, y, tier));
            }
        });
    }

    [Theory]
    [MemberData(nameof(TiersAndOperators))]
    public void AllZero_sees_a_single_set_bit_in_every_word_of_every_length(VectorTier tier, BitOp op)
    {
        SkipUnlessSupported(tier);
        for (var length = 1; length <= KernelReference.MaxLength; length++)
        {
            for (var at = 0; at < length; at++)
            {
                foreach (var bit in (int[])[0, 31, 63])
                {
                    // x has one bit; y is zero (And, AndNot: x & 0 and x & ~0) or the same bit (Or, Xor).
                    var x = new ulong[length];
                    var y = new ulong[length];
                    x[at] = 1UL << bit;
                    var expected = KernelReference.AllZero(op, x, y);
                    Assert.Equal(expected, KernelReference.KernelAllZero(op, x, y, tier));
                    Assert.Equal(KernelReference.AllZero(op, y, x), KernelReference.KernelAllZero(op, y, x, tier));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void IsZero_matches_the_scalar_reference_at_every_length(VectorTier tier)
    {
        SkipUnlessSupported(tier);
        KernelReference.ForAllLengths(cases =>
        {
            foreach (var (x, y) in cases)
            {
                Assert.Equal(x.All(w => w == 0), BitKernels.IsZero(x, tier));
                var zero = new ulong[x.Length];
                Assert.True(BitKernels.IsZero(zero, tier));
                if (x.Length > 0)
                {
                    zero[^1] = y.Length > 0 && y[^1] != 0 ? y[^1] : 1;
                    Assert.False(BitKernels.IsZero(zero, tier));
                }
            }
        });
    }

    [Fact]
    public void PopCount_matches_the_scalar_reference_at_every_length()
    {
        // PopCount has one path (scalar on purpose, see its remarks); the child processes run it without POPCNT.
        KernelReference.ForAllLengths(cases =>
        {
            foreach (var (x, _) in cases)
            {
                Assert.Equal(KernelReference.PopCount(x), BitKernels.PopCount(x));
            }
        });
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Kernels_reject_spans_of_different_lengths(VectorTier tier)
    {
        SkipUnlessSupported(tier);
        var three = new ulong[3];
        var four = new ulong[4];
        Assert.Throws<ArgumentException>(() => BitKernels.Apply<AndOperator>(three, four, new ulong[3], tier));
        Assert.Throws<ArgumentException>(() => BitKernels.Apply<OrOperator>(three, three, new ulong[4], tier));
        Assert.Throws<ArgumentException>(() => BitKernels.AllZero<XorOperator>(three, four, tier));
    }

    [Fact]
    public void Best_tier_is_the_widest_accelerated_vector_width()
    {
        var expected = Vector512.IsHardwareAccelerated ? VectorTier.Vector512
            : Vector256.IsHardwareAccelerated ? VectorTier.Vector256
            : Vector128.IsHardwareAccelerated ? VectorTier.Vector128
            : VectorTier.Scalar;
        Assert.Equal(expected, BitKernels.BestTier);
    }

    [Fact]
    public void Tiers_up_to_the_best_are_supported_and_wider_ones_are_not()
    {
        foreach (var tier in Enum.GetValues<VectorTier>())
        {
            Assert.Equal(tier <= BitKernels.BestTier, BitKernels.IsSupported(tier));
        }

        Assert.True(BitKernels.IsSupported(VectorTier.Scalar));
    }
}
