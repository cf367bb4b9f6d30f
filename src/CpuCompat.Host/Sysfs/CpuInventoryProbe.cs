using System.Collections.Immutable;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// Reads the logical CPUs of <c>/sys/devices/system/cpu</c>: which are present and online, and each one's socket,
/// die, cluster, core and thread siblings, as libvirt's <c>virHostCPUGet*</c> helpers read them.
/// </summary>
public static class CpuInventoryProbe
{
    public const string CpuDir = "/sys/devices/system/cpu";

    public static CpuInventory Read(HostRoot root, HostNotes notes)
    {
        var online = ReadList(root, $"{CpuDir}/online", notes);
        var present = ReadList(root, $"{CpuDir}/present", notes);

        // Without the lists (a container with a partial /sys), fall back to the cpuN directories.
        var directories = root.EnumerateDirectories(CpuDir, "cpu*")
            .Select(n => int.TryParse(n.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0);
        var known = CpuSet.Of(directories);
        var presentSet = present ?? (known.IsEmpty ? online : known);
        if (presentSet is null || presentSet.IsEmpty)
        {
            return FromCpuInfo(root, notes);
        }

        var onlineSet = online ?? presentSet;
        var cpus = presentSet.Members.Select(id => ReadCpu(root, id, onlineSet.Contains(id) && IsOnline(root, id))).ToImmutableArray();
        return new CpuInventory(presentSet, onlineSet, cpus);
    }

    private static LogicalCpu ReadCpu(HostRoot root, int id, bool online)
    {
        var dir = $"{CpuDir}/cpu{id}/topology";
        var socket = NonNegative(root.ReadInteger($"{dir}/physical_package_id"));
        var die = NonNegative(root.ReadInteger($"{dir}/die_id"));
        var cluster = NonNegative(root.ReadInteger($"{dir}/cluster_id"));
        var core = NonNegative(root.ReadInteger($"{dir}/core_id"));
        var siblings = ReadList(root, $"{dir}/thread_siblings_list", null) ?? CpuSet.Of([id]);
        var coreCpus = ReadList(root, $"{dir}/core_cpus_list", null) ?? siblings;
        return new LogicalCpu(id, online, socket, die, cluster, core, siblings) { CoreCpus = coreCpus };
    }

    /// <summary>
    /// Containers may hide <c>/sys/devices/system/cpu</c>; <c>/proc/cpuinfo</c> still lists every online processor with
    /// its package and core, and CPUs with the same package and core are thread siblings.
    /// </summary>
    private static CpuInventory FromCpuInfo(HostRoot root, HostNotes notes)
    {
        var text = root.ReadText(CpuInfo.Path);
        var processors = text is null ? [] : CpuInfoProcessor.Parse(text);
        if (processors.Count == 0)
        {
            return CpuInventory.Empty;
        }

        notes.Substituted(CpuDir, "missing: the logical CPUs and their package and core ids are taken from /proc/cpuinfo");
        var cpus = processors.Select(p =>
        {
            var siblings = CpuSet.Of(processors.Where(o => o.PhysicalId == p.PhysicalId && o.CoreId == p.CoreId && p.CoreId is not null).Select(o => o.Id).Append(p.Id));
            return new LogicalCpu(p.Id, true, p.PhysicalId ?? 0, 0, 0, p.CoreId ?? p.Id, siblings);
        }).ToImmutableArray();
        var all = CpuSet.Of(processors.Select(p => p.Id));
        return new CpuInventory(all, all, cpus);
    }

    /// <summary>
    /// A CPU without an <c>online</c> file cannot be taken offline (cpu0 on x86): it is online (libvirt's
    /// <c>virHostCPUGetOnline</c>).
    /// </summary>
    private static bool IsOnline(HostRoot root, int id) => root.ReadInteger($"{CpuDir}/cpu{id}/online") is not 0;

    /// <summary>
    /// libvirt's reading of the id files: a missing file or -1 (the architecture has no such level) is 0, anything
    /// else is kept, including the 65535 x86 kernels write into cluster_id when they know no clusters.
    /// </summary>
    private static int NonNegative(long? value) => value is >= 0 and <= int.MaxValue ? (int)value : 0;

    internal static CpuSet? ReadList(HostRoot root, string path, HostNotes? notes)
    {
        var text = root.ReadText(path, notes);
        if (text is null)
        {
            return null;
        }

        if (CpuSet.TryParse(text, out var set))
        {
            return set;
        }

        notes?.Failed(path, ReadFailure.Malformed($"'{text.Trim()}' is not a CPU list"));
        return null;
    }
}
