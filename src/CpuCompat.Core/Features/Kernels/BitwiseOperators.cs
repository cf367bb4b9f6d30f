using System.Runtime.Intrinsics;

namespace CpuCompat.Core.Features.Kernels;

/// <summary>An element-wise operation on 64-bit words with one body per vector width.</summary>
internal interface IBitwiseOperator
{
    static abstract ulong Invoke(ulong x, ulong y);

    static abstract Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y);

    static abstract Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y);

    static abstract Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y);
}

/// <summary><c>d[i] = x[i] &amp; y[i]</c></summary>
internal readonly struct AndOperator : IBitwiseOperator
{
    public static ulong Invoke(ulong x, ulong y) => x & y;

    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => x & y;

    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => x & y;

    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => x & y;
}

/// <summary><c>d[i] = x[i] | y[i]</c></summary>
internal readonly struct OrOperator : IBitwiseOperator
{
    public static ulong Invoke(ulong x, ulong y) => x | y;

    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => x | y;

    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => x | y;

    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => x | y;
}

/// <summary><c>d[i] = x[i] &amp; ~y[i]</c></summary>
internal readonly struct AndNotOperator : IBitwiseOperator
{
    public static ulong Invoke(ulong x, ulong y) => x & ~y;

    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => Vector128.AndNot(x, y);

    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => Vector256.AndNot(x, y);

    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => Vector512.AndNot(x, y);
}

/// <summary><c>d[i] = x[i] ^ y[i]</c></summary>
internal readonly struct XorOperator : IBitwiseOperator
{
    public static ulong Invoke(ulong x, ulong y) => x ^ y;

    public static Vector128<ulong> Invoke(Vector128<ulong> x, Vector128<ulong> y) => x ^ y;

    public static Vector256<ulong> Invoke(Vector256<ulong> x, Vector256<ulong> y) => x ^ y;

    public static Vector512<ulong> Invoke(Vector512<ulong> x, Vector512<ulong> y) => x ^ y;
}
