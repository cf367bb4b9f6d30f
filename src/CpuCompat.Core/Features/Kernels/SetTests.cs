using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CpuCompat.Core.Features.Kernels;

/// <summary>
/// The tests of one feature set (8 words) and of two (16 words) at one vector width: is <c>TOp(x[i], y[i])</c> zero
/// for every word? With <see cref="AndNotOperator"/> that is "x is a subset of y".
/// </summary>
/// <remarks>
/// Each width is a struct whose static methods a generic kernel is instantiated over, so the width is chosen once,
/// outside the kernel's loop. The methods take refs and return a bool: no block value is ever made. An earlier design
/// passed the sets around as block structs (<see cref="IWordBlock{TSelf}"/>), and the JIT stored every block to the
/// stack and loaded it back before the test, a store-forwarding round trip per model that made a scoring pass 2.4x
/// slower than C's and left the scalar and 128-bit paths no faster than each other. Each method is one straight line:
/// all loads, the combines, one OR tree, one test. Callers have checked the lengths, so there are no bounds checks.
/// </remarks>
internal interface ISetTests
{
    static abstract bool AllZero8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator;

    static abstract bool AllZero16<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator;
}

/// <summary>One <see cref="Vector512{T}"/> per set.</summary>
internal readonly struct SetTests512 : ISetTests
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        TOp.Invoke(Vector512.LoadUnsafe(ref x), Vector512.LoadUnsafe(ref y)) == Vector512<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero16<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        (TOp.Invoke(Vector512.LoadUnsafe(ref x), Vector512.LoadUnsafe(ref y))
            | TOp.Invoke(Vector512.LoadUnsafe(ref x, 8), Vector512.LoadUnsafe(ref y, 8))) == Vector512<ulong>.Zero;
}

/// <summary>Two <see cref="Vector256{T}"/> per set.</summary>
internal readonly struct SetTests256 : ISetTests
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        Combine8<TOp>(ref x, ref y) == Vector256<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero16<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        (Combine8<TOp>(ref x, ref y) | Combine8<TOp>(ref Unsafe.Add(ref x, 8), ref Unsafe.Add(ref y, 8))) == Vector256<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Combine8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        TOp.Invoke(Vector256.LoadUnsafe(ref x), Vector256.LoadUnsafe(ref y))
        | TOp.Invoke(Vector256.LoadUnsafe(ref x, 4), Vector256.LoadUnsafe(ref y, 4));
}

/// <summary>Four <see cref="Vector128{T}"/> per set.</summary>
internal readonly struct SetTests128 : ISetTests
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        Combine8<TOp>(ref x, ref y) == Vector128<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero16<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        (Combine8<TOp>(ref x, ref y) | Combine8<TOp>(ref Unsafe.Add(ref x, 8), ref Unsafe.Add(ref y, 8))) == Vector128<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Combine8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        (TOp.Invoke(Vector128.LoadUnsafe(ref x), Vector128.LoadUnsafe(ref y))
            | TOp.Invoke(Vector128.LoadUnsafe(ref x, 2), Vector128.LoadUnsafe(ref y, 2)))
        | (TOp.Invoke(Vector128.LoadUnsafe(ref x, 4), Vector128.LoadUnsafe(ref y, 4))
            | TOp.Invoke(Vector128.LoadUnsafe(ref x, 6), Vector128.LoadUnsafe(ref y, 6)));
}

/// <summary>Eight words per set, no vector instruction.</summary>
internal readonly struct SetTestsScalar : ISetTests
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        Combine8<TOp>(ref x, ref y) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZero16<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        (Combine8<TOp>(ref x, ref y) | Combine8<TOp>(ref Unsafe.Add(ref x, 8), ref Unsafe.Add(ref y, 8))) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Combine8<TOp>(ref ulong x, ref ulong y)
        where TOp : struct, IBitwiseOperator =>
        ((TOp.Invoke(x, y) | TOp.Invoke(Unsafe.Add(ref x, 1), Unsafe.Add(ref y, 1)))
            | (TOp.Invoke(Unsafe.Add(ref x, 2), Unsafe.Add(ref y, 2)) | TOp.Invoke(Unsafe.Add(ref x, 3), Unsafe.Add(ref y, 3))))
        | ((TOp.Invoke(Unsafe.Add(ref x, 4), Unsafe.Add(ref y, 4)) | TOp.Invoke(Unsafe.Add(ref x, 5), Unsafe.Add(ref y, 5)))
            | (TOp.Invoke(Unsafe.Add(ref x, 6), Unsafe.Add(ref y, 6)) | TOp.Invoke(Unsafe.Add(ref x, 7), Unsafe.Add(ref y, 7))));
}
