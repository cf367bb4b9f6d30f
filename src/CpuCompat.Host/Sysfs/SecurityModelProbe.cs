using System.Collections.Immutable;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// The security drivers a libvirt driver would start with, as its <c>&lt;secmodel&gt;</c> list: the
/// <c>security_driver</c> setting of qemu.conf when set, else the first driver whose probe succeeds — SELinux (selinuxfs
/// mounted and the policy's virtual-domain contexts present), AppArmor (enabled, a libvirt daemon profile loaded and
/// libvirt's profile templates installed) — else <c>none</c>. The QEMU driver adds <c>dac</c> with the
/// <c>+uid:+gid</c> of its qemu user and group; the LXC driver lists only the first model.
/// </summary>
public static class SecurityModelProbe
{
    public const string LsmPath = "/sys/kernel/security/lsm";
    public const string SelinuxEnforcePath = "/sys/fs/selinux/enforce";
    public const string SelinuxConfigPath = "/etc/selinux/config";
    public const string AppArmorEnabledPath = "/sys/module/apparmor/parameters/enabled";
    public const string AppArmorProfilesPath = "/sys/kernel/security/apparmor/profiles";
    public const string AppArmorTemplateDir = "/etc/apparmor.d/libvirt";

    /// <summary>Debian builds libvirt with <c>--with-qemu-user=libvirt-qemu --with-qemu-group=libvirt-qemu</c>.</summary>
    public const string DefaultQemuUser = "libvirt-qemu";
    public const string DefaultQemuGroup = "libvirt-qemu";

    /// <summary>The label types of the QEMU driver's base labels, in libvirt's order.</summary>
    private static readonly string[] QemuVirtTypes = ["kvm", "qemu"];

    public static ImmutableArray<SecurityModel> ForQemu(HostRoot root, HostNotes notes)
    {
        var config = LibvirtConfig.Read(root, LibvirtConfig.QemuConfPath);
        var models = ImmutableArray.CreateBuilder<SecurityModel>();
        foreach (var name in Drivers(root, config, "qemu", notes))
        {
            models.Add(name switch
            {
                "selinux" => new SecurityModel("selinux", "0", SelinuxQemuLabels(root, notes)),
                _ => new SecurityModel(name, "0", []),
            });
        }

        var label = DacLabel(root, config, notes);
        models.Add(new SecurityModel("dac", "0", [.. QemuVirtTypes.Select(t => new SecurityLabel(t, label))]));
        return models.ToImmutable();
    }

    public static ImmutableArray<SecurityModel> ForLxc(HostRoot root, HostNotes notes)
    {
        var name = Drivers(root, LibvirtConfig.Empty, "lxc", notes)[0];
        var labels = name == "selinux" && SelinuxLxcLabel(root) is { } label ? ImmutableArray.Create(new SecurityLabel("lxc", label)) : [];
        return [new SecurityModel(name, "0", labels)];
    }

    /// <summary>The configured drivers (qemu.conf <c>security_driver</c>), else the first one whose probe succeeds.</summary>
    private static List<string> Drivers(HostRoot root, LibvirtConfig config, string virtDriver, HostNotes notes)
    {
        if (config.GetList("security_driver") is { Count: > 0 } configured)
        {
            return [.. configured];
        }

        if (SelinuxUsable(root, virtDriver, notes))
        {
            return ["selinux"];
        }

        return AppArmorUsable(root, virtDriver, notes) ? ["apparmor"] : ["none"];
    }

    private static bool LsmListed(HostRoot root, string lsm) =>
        root.ReadLine(LsmPath) is { } list && list.Split(',').Contains(lsm, StringComparer.Ordinal);

    private static string SelinuxType(HostRoot root) =>
        root.ReadText(SelinuxConfigPath) is { } text
        && text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("SELINUXTYPE=", StringComparison.Ordinal)) is { } line
            ? line["SELINUXTYPE=".Length..].Trim().Trim('"')
            : "targeted";

    private static string ContextPath(HostRoot root, string file) => $"/etc/selinux/{SelinuxType(root)}/contexts/{file}";

    private static bool SelinuxUsable(HostRoot root, string virtDriver, HostNotes notes)
    {
        if (!root.FileExists(SelinuxEnforcePath))
        {
            return false;
        }

        var contexts = ContextPath(root, virtDriver == "lxc" ? "lxc_contexts" : "virtual_domain_context");
        if (root.FileExists(contexts))
        {
            return true;
        }

        notes.Unavailable(contexts, "SELinux is enabled but the policy has no libvirt contexts; libvirt would refuse to start its SELinux driver");
        return false;
    }

    /// <summary>
    /// The domain context of the policy (<c>virtual_domain_context</c>, first line) is the kvm label; the qemu (TCG)
    /// label is the same context with type <c>svirt_tcg_t</c>, as libvirt derives it.
    /// </summary>
    private static ImmutableArray<SecurityLabel> SelinuxQemuLabels(HostRoot root, HostNotes notes)
    {
        var context = root.ReadLine(ContextPath(root, "virtual_domain_context"), notes);
        if (string.IsNullOrEmpty(context))
        {
            return [];
        }

        var parts = context.Split(':');
        var tcg = parts.Length >= 3 ? string.Join(':', parts.Select((p, i) => i == 2 ? "svirt_tcg_t" : p)) : context;
        return [new SecurityLabel("kvm", context), new SecurityLabel("qemu", tcg)];
    }

    /// <summary>The <c>process = "..."</c> context of <c>lxc_contexts</c>.</summary>
    private static string? SelinuxLxcLabel(HostRoot root) =>
        root.ReadText(ContextPath(root, "lxc_contexts")) is { } text
            ? text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("process", StringComparison.Ordinal) && l.Contains('='))
                .Select(l => l[(l.IndexOf('=') + 1)..].Trim().Trim('"')).FirstOrDefault()
            : null;

    private static bool AppArmorUsable(HostRoot root, string virtDriver, HostNotes notes)
    {
        var enabled = root.ReadLine(AppArmorEnabledPath) is { } flag && flag.StartsWith('Y');
        if (!enabled && !LsmListed(root, "apparmor"))
        {
            return false;
        }

        if (!root.TryReadText(AppArmorProfilesPath, out var profiles, out var failure))
        {
            notes.Failed(AppArmorProfilesPath, failure);
            return false;
        }

        // libvirt enables AppArmor only when its own daemon runs confined (enforce or complain).
        string[] daemons = ["libvirtd", "/usr/sbin/libvirtd", $"virt{virtDriver}d", $"/usr/sbin/virt{virtDriver}d"];
        var confined = profiles.Split('\n').Any(l => daemons.Any(d => l.StartsWith(d + " (", StringComparison.Ordinal)));
        if (!confined)
        {
            notes.Omitted("AppArmor", "enabled, but no libvirt daemon profile is loaded, so libvirt would not use it", HostCodes.NotApplicable);
            return false;
        }

        string[] templates = [$"{AppArmorTemplateDir}/TEMPLATE.qemu", $"{AppArmorTemplateDir}/TEMPLATE.lxc"];
        foreach (var template in templates.Where(t => !root.FileExists(t)))
        {
            notes.Unavailable(template, "libvirt's AppArmor profile template is missing, so libvirt would not use AppArmor");
            return false;
        }

        return true;
    }

    /// <summary>The <c>+uid:+gid</c> the QEMU driver runs guests as (qemu.conf <c>user</c>/<c>group</c>, else Debian's defaults).</summary>
    private static string DacLabel(HostRoot root, LibvirtConfig config, HostNotes notes)
    {
        var user = config.Get("user") ?? DefaultQemuUser;
        var group = config.Get("group") ?? DefaultQemuGroup;
        var uid = Resolve(root, "/etc/passwd", user, notes);
        var gid = Resolve(root, "/etc/group", group, notes);
        return $"+{uid}:+{gid}";
    }

    /// <summary>A <c>+N</c> number as is, else the id of the name in passwd/group; 0 (root) with a note when unknown.</summary>
    private static uint Resolve(HostRoot root, string database, string name, HostNotes notes)
    {
        if (name.StartsWith('+') && uint.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var literal))
        {
            return literal;
        }

        if (root.ReadText(database, notes) is { } text)
        {
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && fields[0] == name && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return id;
                }
            }
        }

        notes.Substituted($"{database}: {name}", "not found, so the dac base label shows 0 (libvirt would fail to start its QEMU driver)");
        return 0;
    }
}
