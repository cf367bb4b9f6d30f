using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Convert;

/// <summary>
/// Writes CPU data as <c>cpuid -r</c> prints it (<c>CPU 0:</c>, then <c>   0x%08x 0x%02x: eax=0x%08x ebx=… ecx=… edx=…</c>
/// per CPUID slot, in slot order), so the result can be read back by <see cref="Dumps.CpuidToolReader"/> or compared
/// with the tool's own output. All-zero slots are written too: they are part of what was read. MSR slots, which the
/// tool has no syntax for, follow as <c>   msr 0x%08x: eax=0x%08x edx=0x%08x</c> lines, CpuCompat's own addition, so
/// that libvirt's MSR features (IA32_ARCH_CAPABILITIES bits) survive a round trip.
/// </summary>
public static class CpuidToolWriter
{
    public static string Format(Core.Cpu.CpuData data)
    {
        var sb = new StringBuilder("CPU 0:\n");
        foreach (var slot in data.Slots)
        {
            var r = slot.Registers;
            if (slot.Key.Kind == DataKind.Cpuid)
            {
                sb.Append("   0x").Append(slot.Key.Leaf.ToString("x8", CultureInfo.InvariantCulture))
                    .Append(" 0x").Append(slot.Key.Subleaf.ToString("x2", CultureInfo.InvariantCulture))
                    .Append(": eax=0x").Append(r.Eax.ToString("x8", CultureInfo.InvariantCulture))
                    .Append(" ebx=0x").Append(r.Ebx.ToString("x8", CultureInfo.InvariantCulture))
                    .Append(" ecx=0x").Append(r.Ecx.ToString("x8", CultureInfo.InvariantCulture))
                    .Append(" edx=0x").Append(r.Edx.ToString("x8", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        foreach (var slot in data.Slots.Where(s => s.Key.Kind == DataKind.Msr))
        {
            sb.Append("   msr 0x").Append(slot.Key.Leaf.ToString("x8", CultureInfo.InvariantCulture))
                .Append(": eax=0x").Append(slot.Registers.Eax.ToString("x8", CultureInfo.InvariantCulture))
                .Append(" edx=0x").Append(slot.Registers.Edx.ToString("x8", CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }
}
