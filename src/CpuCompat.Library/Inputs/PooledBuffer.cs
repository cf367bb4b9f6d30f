using System.Buffers;

namespace CpuCompat.Inputs;

/// <summary>The one way the streaming readers grow their rented buffer when a line or element does not fit.</summary>
internal static class PooledBuffer
{
    /// <summary>Replaces <paramref name="buffer"/> with a rented one twice its size holding its first <paramref name="filled"/> bytes.</summary>
    public static void Grow(ref byte[] buffer, int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, larger, 0, filled);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
