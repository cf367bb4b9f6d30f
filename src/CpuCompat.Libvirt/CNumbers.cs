namespace CpuCompat.Libvirt;

/// <summary>
/// Number parsing with the C library rules libvirt relies on (<c>strtoul</c> behind <c>virStrToLong_uip</c>):
/// leading white space and a <c>+</c> are allowed, a minus sign is not, the whole rest must be digits, and
/// base 0 means "automatic" (<c>0x</c> hexadecimal, a leading <c>0</c> octal, otherwise decimal).
/// </summary>
internal static class CNumbers
{
    /// <summary>Parses an unsigned 32-bit number in <paramref name="numberBase"/> (0, 8, 10 or 16).</summary>
    public static bool TryParseUInt32(string? text, int numberBase, out uint value)
    {
        value = 0;
        if (!TryParseUInt64(text, numberBase, out var wide) || wide > uint.MaxValue)
        {
            return false;
        }

        value = (uint)wide;
        return true;
    }

    /// <summary>Parses an unsigned 64-bit number in <paramref name="numberBase"/> (0, 8, 10 or 16).</summary>
    public static bool TryParseUInt64(string? text, int numberBase, out ulong value)
    {
        value = 0;
        return text is not null && TryParseUInt64(text.AsSpan(), numberBase, out value);
    }

    /// <summary>Parses an unsigned 32-bit number from characters (the <c>&lt;cpudata&gt;</c> scanner reads values in place).</summary>
    public static bool TryParseUInt32(ReadOnlySpan<char> s, int numberBase, out uint value)
    {
        value = 0;
        if (!TryParseUInt64(s, numberBase, out var wide) || wide > uint.MaxValue)
        {
            return false;
        }

        value = (uint)wide;
        return true;
    }

    /// <inheritdoc cref="TryParseUInt64(string?, int, out ulong)"/>
    public static bool TryParseUInt64(ReadOnlySpan<char> s, int numberBase, out ulong value)
    {
        value = 0;
        var i = 0;
        while (i < s.Length && (s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r'))
        {
            i++;
        }

        if (i < s.Length && s[i] == '+')
        {
            i++;
        }

        // As in strtoul, "0x" only counts as a prefix when a hexadecimal digit follows it.
        var hasHexPrefix = i + 2 < s.Length && s[i] == '0' && (s[i + 1] is 'x' or 'X') && char.IsAsciiHexDigit(s[i + 2]);
        if (numberBase == 0)
        {
            numberBase = hasHexPrefix ? 16 : i < s.Length && s[i] == '0' ? 8 : 10;
        }

        if (numberBase == 16 && hasHexPrefix)
        {
            i += 2;
        }

        if (i >= s.Length)
        {
            return false;
        }

        ulong result = 0;
        for (; i < s.Length; i++)
        {
            var digit = DigitValue(s[i]);
            if (digit < 0 || digit >= numberBase)
            {
                return false;
            }

            // Overflow found by the high half of the product and the carry of the sum: a division per digit
            // would cost more than the rest of reading a <cpudata> document.
            var high = Math.BigMul(result, (ulong)numberBase, out var low);
            var sum = low + (ulong)digit;
            if (high != 0 || sum < low)
            {
                return false;
            }

            result = sum;
        }

        value = result;
        return true;
    }

    /// <summary>Parses a non-negative decimal <c>int</c> (libvirt's <c>VIR_XML_PROP_NONNEGATIVE</c> integers).</summary>
    public static bool TryParseNonNegativeInt32(string? text, out int value)
    {
        value = 0;
        if (!TryParseUInt64(text, 10, out var wide) || wide > int.MaxValue)
        {
            return false;
        }

        value = (int)wide;
        return true;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
