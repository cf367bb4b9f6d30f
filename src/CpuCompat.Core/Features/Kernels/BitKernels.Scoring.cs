using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CpuCompat.Core.Features.Kernels;

internal static partial class BitKernels
{
    /// <summary>
    /// One host-model scoring pass: of the sets in <paramref name="models"/> (whole sets of <c>host.Length</c> words
    /// one after another), the index of the one that is a subset of <paramref name="host"/> and leaves out the fewest
    /// of its bits (<c>popcount(host &amp; ~model)</c>), the first on a tie; -1 when none is a subset.
    /// </summary>
    /// <remarks>
    /// The width is chosen once, outside the loop; the subset test of each model is one straight line of vector code (see
    /// <see cref="ISetTests"/>) that reads the host from L1 rather than holding it in a block value the JIT would spill; the count runs
    /// only for the models that fit, one POPCNT per word (see <see cref="PopCount"/> for why not a vector count).
    /// </remarks>
    public static int BestSubset(ReadOnlySpan<ulong> host, ReadOnlySpan<ulong> models, VectorTier tier)
    {
        CheckWholeSets(models.Length, host.Length, nameof(models));
        return tier switch
        {
            >= VectorTier.Vector512 => BestSubset<SetTests512>(host, models, tier),
            >= VectorTier.Vector256 => BestSubset<SetTests256>(host, models, tier),
            >= VectorTier.Vector128 => BestSubset<SetTests128>(host, models, tier),
            _ => BestSubset<SetTestsScalar>(host, models, tier),
        };
    }

    private static int BestSubset<TTests>(ReadOnlySpan<ulong> host, ReadOnlySpan<ulong> models, VectorTier tier)
        where TTests : struct, ISetTests
    {
        var width = host.Length;
        if (width == 0)
        {
            return -1;
        }

        ref var h = ref MemoryMarshal.GetReference(host);
        ref var m = ref MemoryMarshal.GetReference(models);
        var count = models.Length / width;
        int best = -1, fewest = int.MaxValue;
        if (width == Block)
        {
            for (var i = 0; i < count; i++)
            {
                ref var model = ref Unsafe.Add(ref m, (nuint)i * Block);
                if (TTests.AllZero8<AndNotOperator>(ref model, ref h))
                {
                    Keep(i, LeftOut8(ref h, ref model), ref best, ref fewest);
                }
            }
        }
        else if (width == 2 * Block)
        {
            for (var i = 0; i < count; i++)
            {
                ref var model = ref Unsafe.Add(ref m, (nuint)i * 2 * Block);
                if (TTests.AllZero16<AndNotOperator>(ref model, ref h))
                {
                    Keep(i, LeftOut8(ref h, ref model) + LeftOut8(ref Unsafe.Add(ref h, Block), ref Unsafe.Add(ref model, Block)), ref best, ref fewest);
                }
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                var model = models.Slice(i * width, width);
                if (AllZero<AndNotOperator>(model, host, tier))
                {
                    Keep(i, LeftOut(ref h, ref MemoryMarshal.GetReference(model), width), ref best, ref fewest);
                }
            }
        }

        return best;
    }

    /// <summary><c>popcount(host &amp; ~model)</c> over one block, written out: the JIT does not unroll the loop form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LeftOut8(ref ulong h, ref ulong m) =>
        BitOperations.PopCount(h & ~m)
        + BitOperations.PopCount(Unsafe.Add(ref h, 1) & ~Unsafe.Add(ref m, 1))
        + BitOperations.PopCount(Unsafe.Add(ref h, 2) & ~Unsafe.Add(ref m, 2))
        + BitOperations.PopCount(Unsafe.Add(ref h, 3) & ~Unsafe.Add(ref m, 3))
        + BitOperations.PopCount(Unsafe.Add(ref h, 4) & ~Unsafe.Add(ref m, 4))
        + BitOperations.PopCount(Unsafe.Add(ref h, 5) & ~Unsafe.Add(ref m, 5))
        + BitOperations.PopCount(Unsafe.Add(ref h, 6) & ~Unsafe.Add(ref m, 6))
        + BitOperations.PopCount(Unsafe.Add(ref h, 7) & ~Unsafe.Add(ref m, 7));

    /// <summary><c>popcount(host &amp; ~model)</c> over <paramref name="width"/> words.</summary>
    private static int LeftOut(ref ulong host, ref ulong model, int width)
    {
        var n = 0;
        for (var i = 0; i < width; i++)
        {
            n += BitOperations.PopCount(Unsafe.Add(ref host, i) & ~Unsafe.Add(ref model, i));
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(int index, int leftOut, ref int best, ref int fewest)
    {
        if (leftOut < fewest)
        {
            (best, fewest) = (index, leftOut);
        }
    }
}
