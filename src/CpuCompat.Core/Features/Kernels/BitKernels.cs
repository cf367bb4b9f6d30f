using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CpuCompat.Core.Features.Kernels;

/// <summary>
/// Word-array kernels behind <see cref="FeatureSet"/>. Each walks the
/// <c>Vector512 -> Vector256 -> Vector128 -> scalar</c> ladder: the widest accelerated width handles
/// whole vectors, and the remaining words (the tail) are handled once, by the scalar body.
/// The tier can be forced so that tests run every path on any machine that has it.
/// </summary>
internal static partial class BitKernels
{
    /// <summary>The widest path this process accelerates; fixed at start-up by the runtime's ISA switches.</summary>
    public static readonly VectorTier BestTier =
        Vector512.IsHardwareAccelerated ? VectorTier.Vector512
        : Vector256.IsHardwareAccelerated ? VectorTier.Vector256
        : Vector128.IsHardwareAccelerated ? VectorTier.Vector128
        : VectorTier.Scalar;

    /// <summary>Whether <paramref name="tier"/> can run here (a wider tier than <see cref="BestTier"/> cannot).</summary>
    public static bool IsSupported(VectorTier tier) => tier <= BestTier;

    /// <summary><c>destination[i] = TOp(x[i], y[i])</c> for every word; all three spans have the same length.</summary>
    /// <remarks>
    /// One feature set (8 words) is one block: loaded, combined and stored whole, with no loop. Inlined, so that
    /// where the length and the tier are constants (a <see cref="FeatureSet"/>'s words, <see cref="BestTier"/>) the
    /// JIT keeps only the one path.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply<TOp>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, VectorTier tier)
        where TOp : struct, IBitwiseOperator
    {
        if (x.Length == Block && y.Length == Block && destination.Length == Block)
        {
            switch (tier)
            {
                case >= VectorTier.Vector512: ApplyBlock<Block512, TOp>(x, y, destination); break;
                case >= VectorTier.Vector256: ApplyBlock<Block256, TOp>(x, y, destination); break;
                case >= VectorTier.Vector128: ApplyBlock<Block128, TOp>(x, y, destination); break;
                default: ApplyBlock<BlockScalar, TOp>(x, y, destination); break;
            }

            return;
        }

        ApplyAnyLength<TOp>(x, y, destination, tier);
    }

    /// <summary>True when <c>TOp(x[i], y[i]) == 0</c> for every word, without writing the result anywhere.</summary>
    /// <remarks>
    /// With <see cref="AndNotOperator"/> this is "x is a subset of y"; with <see cref="XorOperator"/>, equality; with
    /// <see cref="AndOperator"/>, disjointness. One or two feature sets (8 or 16 words) are tested whole: one test of
    /// the combined blocks, no loop and no exit per vector. Inlined for the same reason as <see cref="Apply{TOp}"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero<TOp>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, VectorTier tier)
        where TOp : struct, IBitwiseOperator
    {
        if ((x.Length == Block || x.Length == 2 * Block) && y.Length == x.Length)
        {
            return tier switch
            {
                >= VectorTier.Vector512 => AllZeroSets<SetTests512, TOp>(x, y),
                >= VectorTier.Vector256 => AllZeroSets<SetTests256, TOp>(x, y),
                >= VectorTier.Vector128 => AllZeroSets<SetTests128, TOp>(x, y),
                _ => AllZeroSets<SetTestsScalar, TOp>(x, y),
            };
        }

        return AllZeroAnyLength<TOp>(x, y, tier);
    }

    private const int Block = IWordBlock<BlockScalar>.Words;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ApplyBlock<TBlock, TOp>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination)
        where TBlock : struct, IWordBlock<TBlock>
        where TOp : struct, IBitwiseOperator =>
        TBlock.Apply<TOp>(TBlock.Load(ref MemoryMarshal.GetReference(x), 0), TBlock.Load(ref MemoryMarshal.GetReference(y), 0))
            .Store(ref MemoryMarshal.GetReference(destination), 0);

    /// <summary>One or two whole sets: the caller has checked that both spans hold 8 words, or both 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllZeroSets<TTests, TOp>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
        where TTests : struct, ISetTests
        where TOp : struct, IBitwiseOperator =>
        x.Length == Block
            ? TTests.AllZero8<TOp>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y))
            : TTests.AllZero16<TOp>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y));

    /// <summary>The vector ladder for any length; the tail after the widest whole vectors is handled once.</summary>
    private static void ApplyAnyLength<TOp>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, VectorTier tier)
        where TOp : struct, IBitwiseOperator
    {
        var length = x.Length;
        if (y.Length != length || destination.Length != length)
        {
            throw new ArgumentException("Spans must have the same length.");
        }

        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var dr = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (tier >= VectorTier.Vector512)
        {
            for (; i <= length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        if (tier >= VectorTier.Vector256)
        {
            for (; i <= length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        if (tier >= VectorTier.Vector128)
        {
            for (; i <= length - Vector128<ulong>.Count; i += Vector128<ulong>.Count)
            {
                TOp.Invoke(Vector128.LoadUnsafe(ref xr, (nuint)i), Vector128.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }

    /// <summary>The vector ladder for any length, leaving at the first vector that is not zero.</summary>
    private static bool AllZeroAnyLength<TOp>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, VectorTier tier)
        where TOp : struct, IBitwiseOperator
    {
        var length = x.Length;
        if (y.Length != length)
        {
            throw new ArgumentException("Spans must have the same length.");
        }

        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (tier >= VectorTier.Vector512)
        {
            for (; i <= length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
            {
                if (TOp.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)) != Vector512<ulong>.Zero)
                {
                    return false;
                }
            }
        }

        if (tier >= VectorTier.Vector256)
        {
            for (; i <= length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                if (TOp.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)) != Vector256<ulong>.Zero)
                {
                    return false;
                }
            }
        }

        if (tier >= VectorTier.Vector128)
        {
            for (; i <= length - Vector128<ulong>.Count; i += Vector128<ulong>.Count)
            {
                if (TOp.Invoke(Vector128.LoadUnsafe(ref xr, (nuint)i), Vector128.LoadUnsafe(ref yr, (nuint)i)) != Vector128<ulong>.Zero)
                {
                    return false;
                }
            }
        }

        for (; i < length; i++)
        {
            if (TOp.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i)) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every word is zero.</summary>
    public static bool IsZero(ReadOnlySpan<ulong> x, VectorTier tier) => AllZero<AndOperator>(x, x, tier);

    /// <summary>The number of set bits: <c>sum(popcount(x[i]))</c>.</summary>
    /// <remarks>
    /// Scalar on purpose: a vector population count needs AVX-512 VPOPCNTDQ, which .NET exposes only
    /// per-ISA, and for the 8 words of a feature set the POPCNT instruction per word is already a handful of cycles.
    /// </remarks>
    public static int PopCount(ReadOnlySpan<ulong> x)
    {
        var count = 0;
        foreach (var word in x)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>The number of bits set in <paramref name="x"/> and not in <paramref name="y"/>: <c>sum(popcount(x[i] &amp; ~y[i]))</c>, scalar as <see cref="PopCount"/>.</summary>
    public static int PopCountAndNot(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        y = y[..x.Length];
        var count = 0;
        for (var i = 0; i < x.Length; i++)
        {
            count += BitOperations.PopCount(x[i] & ~y[i]);
        }

        return count;
    }
}
