using System.Runtime.CompilerServices;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Libvirt.CpuData;

internal static partial class CpuDataScanner
{
    /// <summary>Each ASCII character's value as a hexadecimal digit, 0xFF for the others.</summary>
    private static ReadOnlySpan<byte> HexValues =>
    [
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 255, 255, 255, 255, 255,
        255, 10, 11, 12, 13, 14, 15, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 10, 11, 12, 13, 14, 15, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];

    private ref partial struct Cursor
    {
        /// <summary>
        /// An item written the way libvirt and CpuCompat write them, attribute for attribute, read as a few fixed
        /// comparisons and the hexadecimal digits between them (the general <see cref="Item"/> path spends most of
        /// its time finding where each name and value ends). Null, with the cursor where it was, for any other
        /// spelling, which <see cref="Item"/> then reads in the general way.
        /// </summary>
        public DataSlot? LibvirtLine()
        {
            var start = _at;
            DataSlot? slot = null;
            if (Take("<cpuid"))
            {
                if (Hex(" eax_in='0x", out var leaf) && Hex(" ecx_in='0x", out var sub) && Hex(" eax='0x", out var eax)
                    && Hex(" ebx='0x", out var ebx) && Hex(" ecx='0x", out var ecx) && Hex(" edx='0x", out var edx) && Take("/>"))
                {
                    slot = new DataSlot(DataKey.Cpuid(leaf, sub), new Registers(eax, ebx, ecx, edx));
                }
            }
            else if (Take("<msr") && Hex(" index='0x", out var index))
            {
                // libvirt's files give the high half first; CpuCompat's writer the low half.
                var registers = _at;
                uint low = 0, high = 0;
                if ((Hex(" edx='0x", out high) && Hex(" eax='0x", out low))
                    || (Restart(registers) && Hex(" eax='0x", out low) && Hex(" edx='0x", out high)))
                {
                    slot = Take("/>") ? new DataSlot(DataKey.Msr(index), new Registers(low, 0, 0, high)) : null;
                }
            }

            if (slot is null)
            {
                _at = start;
            }

            return slot;
        }

        private bool Restart(int at)
        {
            _at = at;
            return true;
        }

        /// <summary><paramref name="prefix"/> (inlined, so the comparison is unrolled), one to eight hexadecimal digits, and the closing quote.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Hex(string prefix, out uint value)
        {
            value = 0;
            var rest = _text[_at..];
            if (!rest.StartsWith(prefix))
            {
                return false;
            }

            var digits = 0;
            for (var i = prefix.Length; i < rest.Length && digits <= 8; i++, digits++)
            {
                var c = rest[i];
                var digit = c < 128 ? HexValues[c] : 255u;
                if (digit == 255)
                {
                    if (c != '\'' || digits == 0)
                    {
                        return false;
                    }

                    _at += i + 1;
                    return true;
                }

                value = (value << 4) | digit;
            }

            return false;
        }
    }
}
