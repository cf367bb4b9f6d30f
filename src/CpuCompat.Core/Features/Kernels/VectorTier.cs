namespace CpuCompat.Core.Features.Kernels;

/// <summary>The widest vector path a kernel runs; every kernel also has a scalar path.</summary>
public enum VectorTier
{
    Scalar = 0,
    Vector128 = 128,
    Vector256 = 256,
    Vector512 = 512,
}
