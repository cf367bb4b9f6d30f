using System.Collections.Immutable;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Detection;

/// <summary>
/// The input formats CpuCompat reads. <see cref="Auto"/> asks for detection from the content; every other value
/// forces one reader. Raw kinds give CPUID/MSR data, the libvirt XML kinds give CPU definitions.
/// </summary>
public enum InputFormat
{
    /// <summary>Detect the format from the content (never from the file name).</summary>
    Auto,

    /// <summary>libvirt <c>&lt;cpudata arch='x86'&gt;</c>: raw CPUID leaves and MSRs.</summary>
    Cpudata,

    /// <summary>One or more libvirt <c>&lt;cpu&gt;</c> elements (or a wrapper of them, such as libvirt's <c>&lt;cpuTest&gt;</c>).</summary>
    Cpu,

    /// <summary><c>virsh capabilities</c>: the host CPU.</summary>
    Capabilities,

    /// <summary>A libvirt <c>&lt;domain&gt;</c>: the guest CPU.</summary>
    Domain,

    /// <summary><c>virsh domcapabilities</c>: the supported host-model CPU.</summary>
    DomCapabilities,

    /// <summary>The output of <c>cpuid -r</c> (Debian's <c>cpuid</c> tool), first CPU only.</summary>
    CpuidTool,

    /// <summary>AIDA64 / InstLatx64 "CPUID Registers" text, first logical CPU only.</summary>
    Aida64,

    /// <summary>libcpuid's raw dump arrays (<c>basic_cpuid[i]=…</c>).</summary>
    Libcpuid,

    /// <summary>Linux <c>/proc/cpuinfo</c>, first processor only.</summary>
    Cpuinfo,

    /// <summary>QEMU QMP replies: <c>query-cpu-model-expansion</c> (and optionally <c>query-cpu-definitions</c>).</summary>
    Qmp,
}

/// <summary>The command-line names of the formats (<c>--input-format NAME</c>) and what each kind yields.</summary>
public static class InputFormats
{
    private static readonly ImmutableArray<(InputFormat Format, string Name)> Table =
    [
        (InputFormat.Auto, "auto"),
        (InputFormat.Cpudata, "cpudata"),
        (InputFormat.Cpu, "cpu"),
        (InputFormat.Capabilities, "capabilities"),
        (InputFormat.Domain, "domain"),
        (InputFormat.DomCapabilities, "domcapabilities"),
        (InputFormat.CpuidTool, "cpuid-tool"),
        (InputFormat.Aida64, "aida64"),
        (InputFormat.Libcpuid, "libcpuid"),
        (InputFormat.Cpuinfo, "cpuinfo"),
        (InputFormat.Qmp, "qmp"),
    ];

    /// <summary>Every name <see cref="TryParse"/> accepts, <c>auto</c> first.</summary>
    public static ImmutableArray<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The command-line name of a format.</summary>
    public static string NameOf(this InputFormat format)
    {
        foreach (var (f, name) in Table)
        {
            if (f == format)
            {
                return name;
            }
        }

        return "auto";
    }

    /// <summary>Parses a command-line name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out InputFormat format)
    {
        foreach (var (f, n) in Table)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }

        format = InputFormat.Auto;
        return false;
    }

    /// <summary>Formats that give raw CPU data (which must be decoded to become a CPU definition).</summary>
    public static bool IsRawData(this InputFormat format) => format is InputFormat.Cpudata or InputFormat.CpuidTool
        or InputFormat.Aida64 or InputFormat.Libcpuid or InputFormat.Cpuinfo or InputFormat.Qmp;

    /// <summary>Formats that give libvirt CPU definitions.</summary>
    public static bool IsDefinition(this InputFormat format) => format is InputFormat.Cpu or InputFormat.Capabilities
        or InputFormat.Domain or InputFormat.DomCapabilities;
}
