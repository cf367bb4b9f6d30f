using System.Collections.Immutable;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// Reads the NUMA cells of <c>/sys/devices/system/node</c> as libvirt's <c>virCapabilitiesHostNUMAInitReal</c> does,
/// or builds its fake single cell (<c>virCapabilitiesHostNUMAInitFake</c>) when the host exposes no nodes.
/// </summary>
public static class NumaProbe
{
    public const string NodeDir = "/sys/devices/system/node";
    public const string MemInfoPath = "/proc/meminfo";

    /// <summary>The node numbers of the <c>nodeN</c> directories, ascending.</summary>
    public static IReadOnlyList<int> NodeIds(HostRoot root) =>
        [.. root.EnumerateDirectories(NodeDir, "node*")
            .Select(n => int.TryParse(n.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0)
            .Order()];

    public static NumaTopology Read(HostRoot root, CpuInventory cpus, NodeInfo nodeInfo, uint systemPageKiB, HostNotes notes)
    {
        var nodes = NodeIds(root);
        if (nodes.Count == 0)
        {
            if (!nodeInfo.IsKnown)
            {
                notes.Unavailable(NodeDir, "no NUMA nodes and no CPU topology, so the <topology> section is left out");
                return NumaTopology.None;
            }

            notes.Substituted(NodeDir, "no NUMA nodes: one cell is made up from the CPU topology and /proc/meminfo, as libvirt does");
            return Fake(root, cpus, nodeInfo, notes);
        }

        var cells = ImmutableArray.CreateBuilder<NumaCell>(nodes.Count);
        foreach (var node in nodes)
        {
            var dir = $"{NodeDir}/node{node}";
            var members = CpuInventoryProbe.ReadList(root, $"{dir}/cpulist", notes) ?? CpuSet.Empty;
            var cellCpus = members.Members.Select(id => cpus.Find(id) ?? new LogicalCpu(id, false, 0, 0, 0, 0, CpuSet.Of([id]))).ToImmutableArray();
            var memoryKiB = NodeMemoryKiB(root, node, notes);
            cells.Add(new NumaCell(node, memoryKiB, Pages(root, dir, memoryKiB, systemPageKiB, notes), Distances(root, dir, nodes, notes), cellCpus));
        }

        return new NumaTopology(cells.MoveToImmutable(), false);
    }

    /// <summary>
    /// The cell's page pools, ascending by size: each huge page size with its <c>nr_hugepages</c> and
    /// <c>free_hugepages</c>, and the base page, counted as (MemTotal − memory held by huge pages) / page size —
    /// libvirt subtracts the huge pages because the kernel counts them as used rather than removing them from MemTotal.
    /// </summary>
    private static ImmutableArray<PageCount> Pages(HostRoot root, string nodeDir, ulong memoryKiB, uint systemPageKiB, HostNotes notes)
    {
        var pages = new List<PageCount>();
        ulong hugeKiB = 0;
        var hugeDir = $"{nodeDir}/hugepages";
        foreach (var size in PageSizeProbe.HugePageSizes(root, hugeDir))
        {
            var sizeDir = $"{hugeDir}/hugepages-{size}kB";
            var total = (ulong)Math.Max(0, root.ReadInteger($"{sizeDir}/nr_hugepages", notes) ?? 0);
            var free = root.ReadInteger($"{sizeDir}/free_hugepages", notes) is { } f and >= 0 ? (ulong)f : (ulong?)null;
            pages.Add(new PageCount(size, total, free));
            hugeKiB += size * total;
        }

        var baseCount = memoryKiB > hugeKiB ? (memoryKiB - hugeKiB) / systemPageKiB : 0;
        pages.Add(new PageCount(systemPageKiB, baseCount, null));
        return [.. pages.OrderBy(p => p.SizeKiB)];
    }

    /// <summary>The distance file lists one value per node, in node order; zero values (unknown) are left out.</summary>
    private static ImmutableArray<NumaDistance> Distances(HostRoot root, string nodeDir, IReadOnlyList<int> nodes, HostNotes notes)
    {
        var text = root.ReadText($"{nodeDir}/distance", notes);
        if (text is null)
        {
            return [];
        }

        var values = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var distances = ImmutableArray.CreateBuilder<NumaDistance>();
        for (var i = 0; i < values.Length && i < nodes.Count; i++)
        {
            if (int.TryParse(values[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value != 0)
            {
                distances.Add(new NumaDistance(nodes[i], value));
            }
        }

        return distances.ToImmutable();
    }

    /// <summary>MemTotal of <c>nodeN/meminfo</c> ("Node 0 MemTotal:  5728460 kB"); 0 with a note when unknown.</summary>
    private static ulong NodeMemoryKiB(HostRoot root, int node, HostNotes notes)
    {
        var path = $"{NodeDir}/node{node}/meminfo";
        return root.ReadText(path, notes) is { } text && MemInfoValue(text, "MemTotal") is { } kib ? kib : 0;
    }

    /// <summary>The value in kB of <paramref name="key"/> in a meminfo text (system-wide or per node).</summary>
    public static ulong? MemInfoValue(string text, string key)
    {
        foreach (var line in text.Split('\n'))
        {
            var at = line.IndexOf(key + ":", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = line[(at + key.Length + 1)..].Trim();
            var end = rest.IndexOf(' ');
            var number = end < 0 ? rest : rest[..end];
            return ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        return null;
    }

    /// <summary>
    /// libvirt's made-up cell 0: for each socket, core and thread of the node info a CPU with sequential id (only the
    /// online ones), siblings grouped by thread count, all memory of <c>/proc/meminfo</c>, no pages, no distances.
    /// </summary>
    private static NumaTopology Fake(HostRoot root, CpuInventory cpus, NodeInfo nodeInfo, HostNotes notes)
    {
        var memoryKiB = root.ReadText(MemInfoPath, notes) is { } text ? MemInfoValue(text, "MemTotal") ?? 0 : 0;
        var list = ImmutableArray.CreateBuilder<LogicalCpu>();
        var id = 0;
        for (var s = 0; s < nodeInfo.Sockets; s++)
        {
            for (var c = 0; c < nodeInfo.Cores; c++)
            {
                var siblings = CpuSet.Of(Enumerable.Range(id, nodeInfo.Threads));
                for (var t = 0; t < nodeInfo.Threads; t++, id++)
                {
                    if (cpus.Find(id) is not { Online: false })
                    {
                        list.Add(new LogicalCpu(id, true, s, 0, 0, c, siblings));
                    }
                }
            }
        }

        return new NumaTopology([new NumaCell(0, memoryKiB, [], [], list.ToImmutable())], true);
    }
}
