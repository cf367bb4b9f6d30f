using System.Runtime.InteropServices;

namespace CpuCompat.Core.Features.Kernels;

internal static partial class BitKernels
{
    /// <summary>
    /// <c>destination = sets[0] &amp; sets[1] &amp; ...</c>, where <paramref name="sets"/> holds whole sets of
    /// <c>destination.Length</c> words one after another; all ones when there are no sets (the empty intersection).
    /// </summary>
    /// <remarks>
    /// The accumulator stays in registers for the whole span at the widths that matter: one feature set (8 words) and
    /// two (16 words, the width the C limits are measured at). Folding with <see cref="Apply{TOp}"/> instead stores the
    /// accumulator after every set, which on a long span costs a store and a reload per set and is what kept an
    /// earlier reduction at 60% of memory bandwidth. Other widths take that fold: nothing in CpuCompat reduces them.
    /// </remarks>
    public static void AndReduce(ReadOnlySpan<ulong> sets, Span<ulong> destination, VectorTier tier)
    {
        CheckWholeSets(sets.Length, destination.Length, nameof(sets));
        switch (tier)
        {
            case >= VectorTier.Vector512: AndReduce<Block512>(sets, destination, tier); break;
            case >= VectorTier.Vector256: AndReduce<Block256>(sets, destination, tier); break;
            case >= VectorTier.Vector128: AndReduce<Block128>(sets, destination, tier); break;
            default: AndReduce<BlockScalar>(sets, destination, tier); break;
        }
    }

    /// <summary>A span of many sets holds whole sets of <paramref name="width"/> words (none when the width is 0).</summary>
    private static void CheckWholeSets(int length, int width, string name)
    {
        if (width == 0 ? length != 0 : length % width != 0)
        {
            throw new ArgumentException($"The span must hold whole sets of {width} words.", name);
        }
    }

    private static void AndReduce<TBlock>(ReadOnlySpan<ulong> sets, Span<ulong> destination, VectorTier tier)
        where TBlock : struct, IWordBlock<TBlock>
    {
        const int block = IWordBlock<TBlock>.Words;
        var width = destination.Length;
        ref var s = ref MemoryMarshal.GetReference(sets);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var end = (nuint)sets.Length;
        if (width == block)
        {
            var acc = TBlock.AllOnes;
            for (nuint at = 0; at < end; at += block)
            {
                acc = TBlock.Apply<AndOperator>(acc, TBlock.Load(ref s, at));
            }

            acc.Store(ref d, 0);
        }
        else if (width == 2 * block)
        {
            var low = TBlock.AllOnes;
            var high = TBlock.AllOnes;
            for (nuint at = 0; at < end; at += 2 * block)
            {
                low = TBlock.Apply<AndOperator>(low, TBlock.Load(ref s, at));
                high = TBlock.Apply<AndOperator>(high, TBlock.Load(ref s, at + block));
            }

            low.Store(ref d, 0);
            high.Store(ref d, block);
        }
        else
        {
            destination.Fill(ulong.MaxValue);
            for (var at = 0; at < sets.Length; at += width)
            {
                Apply<AndOperator>(destination, sets.Slice(at, width), destination, tier);
            }
        }
    }
}
