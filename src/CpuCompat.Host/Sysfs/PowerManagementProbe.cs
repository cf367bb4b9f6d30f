using System.Collections.Immutable;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// Which host suspend targets libvirt reports in <c>&lt;power_management&gt;</c>: <c>suspend_mem</c>,
/// <c>suspend_disk</c>, <c>suspend_hybrid</c>, in that order.
/// </summary>
/// <remarks>
/// libvirt does not read sysfs itself: it asks systemd-logind over D-Bus (CanSuspend, CanHibernate, CanHybridSleep)
/// and reports a target when the answer is "yes"; without logind (and Debian builds without pm-utils) it reports none.
/// This probe follows logind's default rules from the kernel's view: suspend needs <c>mem</c>, <c>standby</c> or
/// <c>freeze</c> in <c>/sys/power/state</c>; hibernation needs <c>disk</c> there, <c>platform</c> or
/// <c>shutdown</c> in <c>/sys/power/disk</c> (<c>suspend</c> for hybrid sleep), and free swap at least as large as
/// the active anonymous memory. logind's policy (inhibitors, polkit, sleep.conf overrides) is not considered.
/// </remarks>
public static class PowerManagementProbe
{
    public const string StatePath = "/sys/power/state";
    public const string DiskPath = "/sys/power/disk";
    public const string SwapsPath = "/proc/swaps";

    /// <summary>sd_booted(): systemd is the init system, so logind can answer.</summary>
    public const string SystemdMarker = "/run/systemd/system";

    public static readonly ImmutableArray<string> AllTargets = ["suspend_mem", "suspend_disk", "suspend_hybrid"];

    public static ImmutableArray<string> Read(HostRoot root, HostNotes notes)
    {
        if (!root.DirectoryExists(SystemdMarker))
        {
            notes.Omitted(SystemdMarker, "systemd-logind is not running, so libvirt reports no suspend targets", HostCodes.NotApplicable);
            return [];
        }

        var states = Words(root.ReadText(StatePath, notes));
        var diskModes = Words(root.ReadText(DiskPath));
        var targets = ImmutableArray.CreateBuilder<string>();
        if (states.Overlaps(["mem", "standby", "freeze"]))
        {
            targets.Add("suspend_mem");
        }

        if (states.Contains("disk"))
        {
            var enoughSwap = EnoughSwapForHibernation(root, notes);
            if (enoughSwap && diskModes.Overlaps(["platform", "shutdown"]))
            {
                targets.Add("suspend_disk");
            }

            if (enoughSwap && diskModes.Contains("suspend"))
            {
                targets.Add("suspend_hybrid");
            }
        }

        return targets.ToImmutable();
    }

    /// <summary>The words of a sysfs list; <c>/sys/power/disk</c> marks the current mode as <c>[platform]</c>.</summary>
    private static HashSet<string> Words(string? text) =>
        text is null ? [] : [.. text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('[', ']'))];

    /// <summary>logind's check: free swap (size − used over <c>/proc/swaps</c>) ≥ Active(anon) of <c>/proc/meminfo</c>.</summary>
    private static bool EnoughSwapForHibernation(HostRoot root, HostNotes notes)
    {
        var swaps = root.ReadText(SwapsPath, notes);
        var meminfo = root.ReadText(NumaProbe.MemInfoPath, notes);
        if (swaps is null || meminfo is null)
        {
            return false;
        }

        ulong free = 0;
        foreach (var line in swaps.Split('\n').Skip(1))
        {
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 4
                && ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                && ulong.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && size > used)
            {
                free += size - used;
            }
        }

        return free > 0 && free >= (NumaProbe.MemInfoValue(meminfo, "Active(anon)") ?? ulong.MaxValue);
    }
}
