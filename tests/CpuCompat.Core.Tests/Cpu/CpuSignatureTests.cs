using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Tests.Cpu;

public sealed class CpuSignatureTests
{
    [Theory]
    [InlineData(0x00800F12u, 23u, 1u, 2u)]  // AMD Zen (Naples): extended family 8 + family 15
    [InlineData(0x00040651u, 6u, 69u, 1u)]  // Intel Haswell ULT: extended model 4 above model 5
    [InlineData(0x000306C3u, 6u, 60u, 3u)]  // Intel Haswell
    [InlineData(0x00A20F12u, 25u, 33u, 2u)] // AMD Zen 3
    [InlineData(0x00000F29u, 15u, 2u, 9u)]  // Pentium 4: family 15, no extended family
    public void FromEax_and_ToEax_are_inverse_for_real_cpus(uint eax, uint family, uint model, uint stepping)
    {
        var signature = CpuSignature.FromEax(eax);

        Assert.Equal(new CpuSignature(family, model, stepping), signature);
        Assert.Equal(eax, signature.ToEax());
    }

    [Fact]
    public void Family_6_model_69_stepping_1_encodes_as_0x040651()
    {
        Assert.Equal(0x040651u, new CpuSignature(6, 69, 1).ToEax());
    }

    [Fact]
    public void Family_23_model_1_stepping_2_encodes_as_0x800F12()
    {
        Assert.Equal(0x800F12u, new CpuSignature(23, 1, 2).ToEax());
    }

    [Fact]
    public void Extended_family_is_added_to_the_base_family_even_below_15()
    {
        // libvirt adds the extended family field unconditionally.
        Assert.Equal(6u + 2u, CpuSignature.FromEax(0x00200600).Family);
    }

    [Fact]
    public void Every_encodable_signature_round_trips()
    {
        for (uint family = 1; family <= 0xF + 0xFF; family++)
        {
            for (uint model = 0; model <= 0xFF; model += 17)
            {
                var signature = new CpuSignature(family, model, family % 16);
                Assert.Equal(signature, CpuSignature.FromEax(signature.ToEax()));
            }
        }
    }

    [Fact]
    public void Bits_outside_the_signature_fields_are_ignored()
    {
        Assert.Equal(new CpuSignature(6, 69, 1), CpuSignature.FromEax(0xF0043651));
    }
}
