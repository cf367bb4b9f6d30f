using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CpuCompat.Libvirt.CpuData;

/// <summary>
/// Hexadecimal digits to a number, as the <c>&lt;cpudata&gt;</c> scanner reads register values: libvirt writes nearly every
/// value as exactly eight digits, which one 128-bit vector holds (eight UTF-16 characters), so those are checked and
/// converted without a test per character; any other length goes digit by digit.
/// </summary>
internal static class HexDigits
{
    /// <summary>The number one to eight hexadecimal digits (either case) spell, or false when a character is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, out uint value) =>
        digits.Length == 8 && Vector128.IsHardwareAccelerated ? TryParse8Vector(digits, out value) : TryParseScalar(digits, out value);

    /// <summary>Exactly eight digits in one vector: each lane checked as a digit or letter, turned into its nibble, and the nibbles packed.</summary>
    internal static bool TryParse8Vector(ReadOnlySpan<char> digits, out uint value)
    {
        var chars = Vector128.Create(MemoryMarshal.Cast<char, ushort>(digits[..8]));
        var fromDigit = chars - Vector128.Create((ushort)'0');
        var fromLetter = (chars | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'); // 0x20 folds 'A'-'F' onto 'a'-'f'
        var isDigit = Vector128.LessThan(fromDigit, Vector128.Create((ushort)10));
        var isLetter = Vector128.LessThan(fromLetter, Vector128.Create((ushort)6));
        if ((isDigit | isLetter) != Vector128<ushort>.AllBitsSet)
        {
            value = 0;
            return false;
        }

        // Byte i of x is the i-th digit's nibble, the most significant first. Pairs of nibbles become bytes, pairs of
        // bytes 16-bit halves, and the four bytes are then in reading order, which is big-endian.
        var nibbles = Vector128.ConditionalSelect(isDigit, fromDigit, fromLetter + Vector128.Create((ushort)10));
        var x = Vector128.Narrow(nibbles, nibbles).AsUInt64().ToScalar();
        x = ((x & 0x000F_000F_000F_000FUL) << 4) | ((x & 0x0F00_0F00_0F00_0F00UL) >> 8);
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFFUL;
        x |= x >> 16;
        value = BinaryPrimitives.ReverseEndianness((uint)x);
        return true;
    }

    /// <summary>Up to eight digits, one at a time: the fallback for other lengths and for machines without vectors.</summary>
    internal static bool TryParseScalar(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        if (digits.Length is 0 or > 8)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                value = 0;
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return true;
    }
}
