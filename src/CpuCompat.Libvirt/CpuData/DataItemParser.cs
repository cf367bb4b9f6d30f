using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuData;

/// <summary>
/// Reads the data items shared by cpu_map features and <c>&lt;cpudata&gt;</c>:
/// <c>&lt;cpuid eax_in ecx_in eax ebx ecx edx/&gt;</c> (only <c>eax_in</c> required, the rest default to 0), and any
/// other element name as an MSR item that needs <c>index</c>, <c>eax</c> and <c>edx</c>. Numbers use C automatic base.
/// </summary>
internal static class DataItemParser
{
    /// <summary>Whether libvirt skips this child: <c>&lt;alias&gt;</c> only documents another spelling.</summary>
    public static bool IsAlias(XElement element) => element.Is("alias");

    /// <summary>Parses one item; null (with diagnostics added) when an attribute is missing or not a number.</summary>
    public static DataSlot? Parse(XElement item, string file, DiagnosticBag diagnostics)
    {
        var ok = true;
        if (item.Is("cpuid"))
        {
            var leaf = Number(item, "eax_in", required: true, file, diagnostics, ref ok);
            var sub = Number(item, "ecx_in", required: false, file, diagnostics, ref ok);
            var eax = Number(item, "eax", required: false, file, diagnostics, ref ok);
            var ebx = Number(item, "ebx", required: false, file, diagnostics, ref ok);
            var ecx = Number(item, "ecx", required: false, file, diagnostics, ref ok);
            var edx = Number(item, "edx", required: false, file, diagnostics, ref ok);
            return ok ? new DataSlot(DataKey.Cpuid(leaf, sub), new Registers(eax, ebx, ecx, edx)) : null;
        }

        // libvirt reads every element that is neither <alias> nor <cpuid> as an MSR, whatever its name.
        var index = Number(item, "index", required: true, file, diagnostics, ref ok);
        var low = Number(item, "eax", required: true, file, diagnostics, ref ok);
        var high = Number(item, "edx", required: true, file, diagnostics, ref ok);
        return ok ? new DataSlot(DataKey.Msr(index), new Registers(low, 0, 0, high)) : null;
    }

    private static uint Number(XElement item, string name, bool required, string file, DiagnosticBag diagnostics, ref bool ok)
    {
        var attribute = item.Attribute(name);
        if (attribute is null)
        {
            if (required)
            {
                diagnostics.Add(LibvirtDiagnostics.MissingAttribute(XmlSource.SpanOf(item, file), item.Name.LocalName, name, $"{name}='0x00000001'"));
                ok = false;
            }

            return 0;
        }

        if (!CNumbers.TryParseUInt32(attribute.Value, 0, out var value))
        {
            diagnostics.Add(LibvirtDiagnostics.InvalidNumber(
                XmlSource.SpanOf(attribute, file), item.Name.LocalName, name, attribute.Value, "a 32-bit number such as 0x0000000d"));
            ok = false;
        }

        return value;
    }
}
