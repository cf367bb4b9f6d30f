using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Libvirt.CpuData;

namespace CpuCompat.Formats.Convert;

/// <summary>The raw-data outputs of <c>cpucompat convert</c> (<c>--to host|guest</c> decode first and print a <c>&lt;cpu&gt;</c>).</summary>
public enum OutputFormat
{
    /// <summary>libvirt <c>&lt;cpudata arch='x86'&gt;</c>, as libvirt prints data (non-zero slots only).</summary>
    Cpudata,

    /// <summary><c>cpuid -r</c>-style text that the cpuid-tool reader reads back.</summary>
    CpuidTool,
}

/// <summary>Writes raw CPU data in an <see cref="OutputFormat"/>.</summary>
public static class RawDataWriter
{
    /// <summary>The command-line names: <c>cpudata</c> and <c>cpuid-tool</c>.</summary>
    public static bool TryParse(string? name, out OutputFormat format)
    {
        (var ok, format) = name?.Trim().ToLowerInvariant() switch
        {
            "cpudata" => (true, OutputFormat.Cpudata),
            "cpuid-tool" => (true, OutputFormat.CpuidTool),
            _ => (false, OutputFormat.Cpudata),
        };
        return ok;
    }

    public static string Write(Core.Cpu.CpuData data, OutputFormat format) => format switch
    {
        OutputFormat.CpuidTool => CpuidToolWriter.Format(data),
        _ => CpuDataXmlWriter.Format(data),
    };
}
