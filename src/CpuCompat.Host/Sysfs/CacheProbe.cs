using System.Collections.Immutable;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// libvirt's <c>virCapabilitiesInitCaches</c>: every distinct cache of level ≥ 3 of the online CPUs, sorted by level
/// and id. Lower levels are not listed (libvirt never did). Allocation controls and monitors (resctrl) are left out.
/// </summary>
public static class CacheProbe
{
    /// <summary>libvirt's <c>cache_min_level</c>.</summary>
    private const int MinLevel = 3;

    public const string ResctrlInfoDir = "/sys/fs/resctrl/info";

    public static ImmutableArray<CacheBank> Read(HostRoot root, CpuInventory cpus, HostNotes notes)
    {
        var banks = new List<CacheBank>();
        foreach (var cpu in cpus.Online.Members)
        {
            var cacheDir = $"{CpuInventoryProbe.CpuDir}/cpu{cpu}/cache";
            foreach (var index in root.EnumerateDirectories(cacheDir, "index*"))
            {
                var dir = $"{cacheDir}/{index}";
                if (root.ReadInteger($"{dir}/level") is not { } level || level < MinLevel)
                {
                    continue;
                }

                var id = root.ReadInteger($"{dir}/id", notes);
                var type = KernelType(root.ReadLine($"{dir}/type", notes));
                var size = ScaledSize(root.ReadLine($"{dir}/size", notes));
                var shared = CpuInventoryProbe.ReadList(root, $"{dir}/shared_cpu_list", notes);
                if (id is not { } bankId || type is null || size is null || shared is null)
                {
                    continue;
                }

                var bank = new CacheBank((uint)bankId, (uint)level, type, size.Value, shared);
                if (!banks.Contains(bank))
                {
                    banks.Add(bank);
                }
            }
        }

        if (banks.Count > 0 && root.DirectoryExists(ResctrlInfoDir))
        {
            notes.Omitted(ResctrlInfoDir, "cache allocation controls and monitors (resctrl) are not listed");
        }

        return [.. banks.OrderBy(b => b.Level).ThenBy(b => b.Id)];
    }

    private static string? KernelType(string? type) => type switch
    {
        "Unified" => "both",
        "Instruction" => "code",
        "Data" => "data",
        _ => null,
    };

    /// <summary>The kernel writes sizes as <c>32768K</c>; libvirt scales K, M and G by powers of 1024.</summary>
    private static ulong? ScaledSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var scale = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1024UL,
            'M' => 1024UL * 1024,
            'G' => 1024UL * 1024 * 1024,
            _ => 1UL,
        };
        var digits = scale == 1 && char.IsAsciiDigit(text[^1]) ? text : text[..^1];
        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * scale : null;
    }
}
