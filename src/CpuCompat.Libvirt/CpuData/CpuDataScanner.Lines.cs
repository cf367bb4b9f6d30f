using System.Runtime.CompilerServices;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Libvirt.CpuData;

internal static partial class CpuDataScanner
{
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

            var digits = rest[prefix.Length..];
            var end = digits[..Math.Min(digits.Length, 9)].IndexOf('\'');
            if (end <= 0 || !HexDigits.TryParse(digits[..end], out value))
            {
                return false;
            }

            _at += prefix.Length + end + 1;
            return true;
        }
    }
}
