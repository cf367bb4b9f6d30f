namespace CpuCompat.Host.Sysfs;

/// <summary>
/// One cache of level 3 or more shared by a set of CPUs (<c>/sys/devices/system/cpu/cpuN/cache/indexM</c>), as libvirt
/// lists it in <c>&lt;cache&gt;&lt;bank&gt;</c>. <see cref="Type"/> is libvirt's name: both, code or data.
/// </summary>
public sealed record CacheBank(uint Id, uint Level, string Type, ulong SizeBytes, CpuSet Cpus)
{
    /// <summary>libvirt's <c>virFormatIntPretty</c>: the largest binary unit that divides the size exactly.</summary>
    public (ulong Value, string Unit) PrettySize()
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var value = SizeBytes;
        var unit = 0;
        while (value != 0 && value % 1024 == 0 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return (value, units[unit]);
    }
}
