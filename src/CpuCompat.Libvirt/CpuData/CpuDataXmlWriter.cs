using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Libvirt.CpuData;

/// <summary>
/// Formats x86 CPU data as libvirt prints it: every non-zero CPUID slot as
/// <c>&lt;cpuid eax_in='0x%08x' ecx_in='0x%08x' eax=… ebx=… ecx=… edx=…/&gt;</c> and every non-zero MSR slot as
/// <c>&lt;msr index='0x%x' eax='0x%08x' edx='0x%08x'/&gt;</c>, in slot order (CPUID before MSR).
/// </summary>
public static class CpuDataXmlWriter
{
    public static string Format(Core.Cpu.CpuData data)
    {
        var sb = new StringBuilder("<cpudata arch='x86'>\n");
        foreach (var slot in data.Slots)
        {
            var r = slot.Registers;
            if (r.IsZero)
            {
                continue;
            }

            if (slot.Key.Kind == DataKind.Cpuid)
            {
                sb.Append("  <cpuid eax_in='").Append(Hex8(slot.Key.Leaf)).Append("' ecx_in='").Append(Hex8(slot.Key.Subleaf))
                    .Append("' eax='").Append(Hex8(r.Eax)).Append("' ebx='").Append(Hex8(r.Ebx))
                    .Append("' ecx='").Append(Hex8(r.Ecx)).Append("' edx='").Append(Hex8(r.Edx)).Append("'/>\n");
            }
            else
            {
                sb.Append("  <msr index='0x").Append(slot.Key.Leaf.ToString("x", CultureInfo.InvariantCulture))
                    .Append("' eax='").Append(Hex8(r.Eax)).Append("' edx='").Append(Hex8(r.Edx)).Append("'/>\n");
            }
        }

        return sb.Append("</cpudata>\n").ToString();
    }

    private static string Hex8(uint value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);
}
