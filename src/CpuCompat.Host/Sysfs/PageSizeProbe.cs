using System.Collections.Immutable;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// The memory page sizes of a host in KiB, ascending: the base page and every huge page size the kernel offers
/// (<c>/sys/kernel/mm/hugepages/hugepages-&lt;N&gt;kB</c>), which libvirt lists as <c>&lt;pages&gt;</c> in the host CPU.
/// </summary>
public static class PageSizeProbe
{
    public const string HugePagesDir = "/sys/kernel/mm/hugepages";

    /// <summary>The x86 base page; any other root than the live one is assumed to use it.</summary>
    public const uint DefaultPageKiB = 4;

    /// <summary>The base page size: the process's own on the live root, else 4 KiB with a note.</summary>
    public static uint SystemPageKiB(HostRoot root, HostNotes notes)
    {
        if (root.IsLive)
        {
            return (uint)(Environment.SystemPageSize / 1024);
        }

        notes.Substituted("base page size", $"assumed {DefaultPageKiB} KiB (x86): only the live root's page size can be asked");
        return DefaultPageKiB;
    }

    /// <summary>Every page size, base page first, then huge pages ascending.</summary>
    public static ImmutableArray<uint> Read(HostRoot root, uint systemPageKiB) =>
        [.. HugePageSizes(root, HugePagesDir).Append(systemPageKiB).Distinct().Order()];

    /// <summary>The sizes named by the <c>hugepages-&lt;N&gt;kB</c> directories under <paramref name="dir"/>, ascending.</summary>
    public static ImmutableArray<uint> HugePageSizes(HostRoot root, string dir) =>
        [.. root.EnumerateDirectories(dir, "hugepages-*").Select(ParseSize).OfType<uint>().Order()];

    /// <summary><c>hugepages-2048kB</c> → 2048; the suffix is compared case-insensitively, as libvirt does.</summary>
    public static uint? ParseSize(string name)
    {
        const string Prefix = "hugepages-";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith("kB", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - 2);
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }
}
