using System.Globalization;
using System.Runtime.Intrinsics;
using CpuCompat.Libvirt.CpuData;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace CpuCompat.Libvirt.Tests.CpuData;

/// <summary>Both paths of the scanner's hexadecimal digits give what <see cref="uint.TryParse(string, NumberStyles, IFormatProvider, out uint)"/> gives.</summary>
public sealed class HexDigitsTests
{
    /// <summary>Strings of hexadecimal digits of either case with, sometimes, a character around the ranges' edges.</summary>
    private static readonly Gen<string> Digits =
        from length in Gen.Choose(0, 10)
        from chars in Gen.ArrayOf(Gen.Frequency(
            (20, Gen.Elements("0123456789abcdefABCDEF".ToCharArray())),
            (1, Gen.Elements("/:@G`g xX'\u0130\uff10".ToCharArray()))), length)
        select new string(chars);

    [Property(MaxTest = 2000)]
    public Property Every_path_reads_digits_as_the_runtime_does() => Prop.ForAll(Digits.ToArbitrary(), text =>
    {
        var expectedOk = text.Length is > 0 and <= 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected)
            && text.All(char.IsAsciiHexDigit);
        expected = expectedOk ? uint.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) : 0;

        Assert.Equal((expectedOk, expected), (HexDigits.TryParseScalar(text, out var scalar), scalar));
        Assert.Equal((expectedOk, expected), (HexDigits.TryParse(text, out var chosen), chosen));
        if (text.Length == 8 && Vector128.IsHardwareAccelerated)
        {
            Assert.Equal((expectedOk, expected), (HexDigits.TryParse8Vector(text, out var vector), vector));
        }
    });

    [Theory]
    [InlineData("00000000", 0u)]
    [InlineData("ffffffff", 0xffffffffu)]
    [InlineData("FfFfFfFf", 0xffffffffu)]
    [InlineData("01234567", 0x01234567u)]
    [InlineData("89abcdef", 0x89abcdefu)]
    [InlineData("0x123456", null)]
    [InlineData("1234567g", null)]
    public void The_vector_path_reads_eight_digits_in_reading_order(string text, uint? expected)
    {
        Assert.SkipUnless(Vector128.IsHardwareAccelerated, "this machine has no 128-bit vectors; the scalar path is tested alone");

        var ok = HexDigits.TryParse8Vector(text, out var value);

        Assert.Equal(expected.HasValue, ok);
        Assert.Equal(expected ?? 0, value);
    }
}
