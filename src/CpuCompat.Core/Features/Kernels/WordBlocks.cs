using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CpuCompat.Core.Features.Kernels;

/// <summary>
/// Eight words (512 bits, one <see cref="FeatureSet"/>) held as a value of one vector width, so that a kernel that
/// keeps a set across a loop (an accumulator, the host of a scoring pass) keeps it in registers, whatever the width.
/// </summary>
/// <remarks>
/// One generic kernel body per loop, instantiated once per width: the JIT specializes each struct instantiation and
/// promotes a block held across a loop (an accumulator) to registers, where an array or <see cref="Span{T}"/>
/// accumulator would be stored and reloaded on every step. It does not do the same for the short-lived blocks of a
/// test (a load, a combine, a test): those it stores to the stack and reads back, so the tests use
/// <see cref="ISetTests"/>, which makes no block values at all.
/// </remarks>
internal interface IWordBlock<TSelf>
    where TSelf : struct, IWordBlock<TSelf>
{
    /// <summary>The words one block holds.</summary>
    const int Words = 8;

    static abstract TSelf AllOnes { get; }

    /// <summary>Loads <see cref="Words"/> words starting <paramref name="offset"/> words after <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref ulong source, nuint offset);

    /// <summary><c>TOp(x, y)</c> word by word.</summary>
    static abstract TSelf Apply<TOp>(in TSelf x, in TSelf y)
        where TOp : struct, IBitwiseOperator;

    static abstract bool IsZero(in TSelf x);

    void Store(ref ulong destination, nuint offset);
}

/// <summary>One <see cref="Vector512{T}"/>.</summary>
internal readonly struct Block512(Vector512<ulong> a) : IWordBlock<Block512>
{
    private readonly Vector512<ulong> _a = a;

    public static Block512 AllOnes => new(Vector512<ulong>.AllBitsSet);

    public static Block512 Load(ref ulong source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    public static Block512 Apply<TOp>(in Block512 x, in Block512 y)
        where TOp : struct, IBitwiseOperator => new(TOp.Invoke(x._a, y._a));

    public static bool IsZero(in Block512 x) => x._a == Vector512<ulong>.Zero;

    public void Store(ref ulong destination, nuint offset) => _a.StoreUnsafe(ref destination, offset);
}

/// <summary>Two <see cref="Vector256{T}"/>.</summary>
internal readonly struct Block256(Vector256<ulong> a, Vector256<ulong> b) : IWordBlock<Block256>
{
    private readonly Vector256<ulong> _a = a;
    private readonly Vector256<ulong> _b = b;

    public static Block256 AllOnes => new(Vector256<ulong>.AllBitsSet, Vector256<ulong>.AllBitsSet);

    public static Block256 Load(ref ulong source, nuint offset) =>
        new(Vector256.LoadUnsafe(ref source, offset), Vector256.LoadUnsafe(ref source, offset + 4));

    public static Block256 Apply<TOp>(in Block256 x, in Block256 y)
        where TOp : struct, IBitwiseOperator => new(TOp.Invoke(x._a, y._a), TOp.Invoke(x._b, y._b));

    public static bool IsZero(in Block256 x) => (x._a | x._b) == Vector256<ulong>.Zero;

    public void Store(ref ulong destination, nuint offset)
    {
        _a.StoreUnsafe(ref destination, offset);
        _b.StoreUnsafe(ref destination, offset + 4);
    }
}

/// <summary>Four <see cref="Vector128{T}"/>.</summary>
internal readonly struct Block128(Vector128<ulong> a, Vector128<ulong> b, Vector128<ulong> c, Vector128<ulong> d) : IWordBlock<Block128>
{
    private readonly Vector128<ulong> _a = a;
    private readonly Vector128<ulong> _b = b;
    private readonly Vector128<ulong> _c = c;
    private readonly Vector128<ulong> _d = d;

    public static Block128 AllOnes => new(Vector128<ulong>.AllBitsSet, Vector128<ulong>.AllBitsSet, Vector128<ulong>.AllBitsSet, Vector128<ulong>.AllBitsSet);

    public static Block128 Load(ref ulong source, nuint offset) => new(
        Vector128.LoadUnsafe(ref source, offset),
        Vector128.LoadUnsafe(ref source, offset + 2),
        Vector128.LoadUnsafe(ref source, offset + 4),
        Vector128.LoadUnsafe(ref source, offset + 6));

    public static Block128 Apply<TOp>(in Block128 x, in Block128 y)
        where TOp : struct, IBitwiseOperator =>
        new(TOp.Invoke(x._a, y._a), TOp.Invoke(x._b, y._b), TOp.Invoke(x._c, y._c), TOp.Invoke(x._d, y._d));

    public static bool IsZero(in Block128 x) => (x._a | x._b | x._c | x._d) == Vector128<ulong>.Zero;

    public void Store(ref ulong destination, nuint offset)
    {
        _a.StoreUnsafe(ref destination, offset);
        _b.StoreUnsafe(ref destination, offset + 2);
        _c.StoreUnsafe(ref destination, offset + 4);
        _d.StoreUnsafe(ref destination, offset + 6);
    }
}

/// <summary>Eight <see cref="ulong"/> words: the path with no vector instructions at all.</summary>
internal readonly struct BlockScalar : IWordBlock<BlockScalar>
{
    private readonly ulong _0, _1, _2, _3, _4, _5, _6, _7;

    private BlockScalar(ulong w0, ulong w1, ulong w2, ulong w3, ulong w4, ulong w5, ulong w6, ulong w7) =>
        (_0, _1, _2, _3, _4, _5, _6, _7) = (w0, w1, w2, w3, w4, w5, w6, w7);

    public static BlockScalar AllOnes => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    public static BlockScalar Load(ref ulong source, nuint offset)
    {
        ref var s = ref Unsafe.Add(ref source, offset);
        return new(s, Unsafe.Add(ref s, 1), Unsafe.Add(ref s, 2), Unsafe.Add(ref s, 3), Unsafe.Add(ref s, 4), Unsafe.Add(ref s, 5), Unsafe.Add(ref s, 6), Unsafe.Add(ref s, 7));
    }

    public static BlockScalar Apply<TOp>(in BlockScalar x, in BlockScalar y)
        where TOp : struct, IBitwiseOperator => new(
        TOp.Invoke(x._0, y._0), TOp.Invoke(x._1, y._1), TOp.Invoke(x._2, y._2), TOp.Invoke(x._3, y._3),
        TOp.Invoke(x._4, y._4), TOp.Invoke(x._5, y._5), TOp.Invoke(x._6, y._6), TOp.Invoke(x._7, y._7));

    public static bool IsZero(in BlockScalar x) => (x._0 | x._1 | x._2 | x._3 | x._4 | x._5 | x._6 | x._7) == 0;

    public void Store(ref ulong destination, nuint offset)
    {
        ref var d = ref Unsafe.Add(ref destination, offset);
        (d, Unsafe.Add(ref d, 1), Unsafe.Add(ref d, 2), Unsafe.Add(ref d, 3)) = (_0, _1, _2, _3);
        (Unsafe.Add(ref d, 4), Unsafe.Add(ref d, 5), Unsafe.Add(ref d, 6), Unsafe.Add(ref d, 7)) = (_4, _5, _6, _7);
    }
}
