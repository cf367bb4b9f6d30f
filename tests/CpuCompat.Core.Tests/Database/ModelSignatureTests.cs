using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Tests.Database;

public sealed class ModelSignatureTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(7u)]
    [InlineData(15u)]
    [InlineData(16u)]
    [InlineData(uint.MaxValue)]
    public void A_signature_without_a_stepping_set_matches_any_stepping(uint stepping)
    {
        var signature = new ModelSignature(6, 85, null);

        Assert.True(signature.Matches(6, 85, stepping));
        Assert.False(signature.Matches(6, 86, stepping));
        Assert.False(signature.Matches(15, 85, stepping));
    }

    [Fact]
    public void A_stepping_mask_matches_exactly_its_set_bits()
    {
        var signature = new ModelSignature(6, 85, 0b1010_0000_0001_0110);

        var matching = Enumerable.Range(0, 20).Where(s => signature.Matches(6, 85, (uint)s));

        Assert.Equal([1, 2, 4, 13, 15], matching);
    }

    [Fact]
    public void An_empty_stepping_mask_matches_nothing()
    {
        var signature = new ModelSignature(6, 85, 0);

        Assert.DoesNotContain(Enumerable.Range(0, 16), s => signature.Matches(6, 85, (uint)s));
        Assert.Equal(0u, signature.LowestStepping);
        Assert.Equal("", signature.SteppingText);
    }

    [Theory]
    [InlineData(null, 0u)]
    [InlineData((ushort)0b1, 0u)]
    [InlineData((ushort)0b1011_0000, 4u)]
    [InlineData((ushort)0x8000, 15u)]
    public void Lowest_stepping_is_the_first_set_bit_or_zero_for_any(ushort? steppings, uint expected)
    {
        Assert.Equal(expected, new ModelSignature(6, 1, steppings).LowestStepping);
    }

    [Theory]
    [InlineData((ushort)0b1_1111, "0-4")]
    [InlineData((ushort)0b1110_1010, "1,3,5-7")]
    [InlineData((ushort)0xFFFF, "0-15")]
    [InlineData((ushort)0x8001, "0,15")]
    [InlineData((ushort)0b0110_0000_0000_0000, "13-14")]
    public void Stepping_sets_print_as_comma_separated_ranges(ushort steppings, string expected)
    {
        Assert.Equal(expected, ModelSignature.FormatSteppings(steppings));
        Assert.Equal(expected, new ModelSignature(6, 85, steppings).SteppingText);
        Assert.Equal($"6:85[{expected}]", new ModelSignature(6, 85, steppings).ToString());
    }

    [Fact]
    public void A_signature_for_any_stepping_prints_as_family_and_model()
    {
        Assert.Null(new ModelSignature(23, 1, null).SteppingText);
        Assert.Equal("23:1", new ModelSignature(23, 1, null).ToString());
    }

    [Fact]
    public void Signatures_are_values()
    {
        Assert.Equal(new ModelSignature(6, 60, 3), new ModelSignature(6, 60, 3));
        Assert.NotEqual(new ModelSignature(6, 60, 3), new ModelSignature(6, 60, null));
    }
}
