using Xunit;

namespace CpuCompat.Libvirt.Tests;

/// <summary>strtoul's rules at the edges: the bases, the prefixes, and overflow found without a division.</summary>
public sealed class CNumbersTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("+12", 12UL)]
    [InlineData(" \t7", 7UL)]
    [InlineData("0x1F", 31UL)]
    [InlineData("0X1f", 31UL)]
    [InlineData("017", 15UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    [InlineData("01777777777777777777777", ulong.MaxValue)]
    [InlineData("0x0000000000000000000000001", 1UL)]
    public void Numbers_in_the_automatic_base_are_read(string text, ulong expected)
    {
        Assert.True(CNumbers.TryParseUInt64(text, 0, out var value));
        Assert.Equal(expected, value);
        Assert.True(CNumbers.TryParseUInt64(text.AsSpan(), 0, out var fromSpan));
        Assert.Equal(expected, fromSpan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("0x")]
    [InlineData("08")]
    [InlineData("1 ")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999")]
    [InlineData("0x10000000000000000")]
    [InlineData("02000000000000000000000")]
    public void Anything_else_and_overflow_are_refused(string text)
    {
        Assert.False(CNumbers.TryParseUInt64(text, 0, out _));
        Assert.False(CNumbers.TryParseUInt64(text.AsSpan(), 0, out _));
    }

    [Theory]
    [InlineData("4294967295", true)]
    [InlineData("0xffffffff", true)]
    [InlineData("4294967296", false)]
    [InlineData("0x100000000", false)]
    public void Thirty_two_bit_numbers_stop_at_their_maximum(string text, bool fits)
    {
        Assert.Equal(fits, CNumbers.TryParseUInt32(text, 0, out _));
        Assert.Equal(fits, CNumbers.TryParseUInt32(text.AsSpan(), 0, out _));
    }
}
