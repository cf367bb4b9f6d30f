using System.Text;

namespace CpuCompat.Core.Cpu;

/// <summary>The processor brand string of CPUID leaves 0x80000002-0x80000004 ("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz").</summary>
public static class BrandString
{
    /// <summary>The brand string with runs of spaces collapsed, or null when the data has none (or only blanks).</summary>
    public static string? Of(CpuData data)
    {
        Span<byte> bytes = stackalloc byte[48];
        for (var i = 0; i < 3; i++)
        {
            var r = data[DataKey.Cpuid(0x80000002u + (uint)i)];
            for (var j = 0; j < 4; j++)
            {
                BitConverterWrite(bytes.Slice((i * 16) + (j * 4), 4), r[j]);
            }
        }

        var text = new StringBuilder(48);
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                break;
            }

            var c = b is >= 0x20 and < 0x7F ? (char)b : ' ';
            if (c != ' ' || (text.Length > 0 && text[^1] != ' '))
            {
                text.Append(c);
            }
        }

        var brand = text.ToString().Trim();
        return brand.Length == 0 ? null : brand;
    }

    private static void BitConverterWrite(Span<byte> destination, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
}
