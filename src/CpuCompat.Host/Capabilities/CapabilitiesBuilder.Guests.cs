using System.Collections.Immutable;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Capabilities;

/// <summary>The <c>&lt;guest&gt;</c> sections of each driver.</summary>
public static partial class CapabilitiesBuilder
{
    /// <summary>Where libvirtd looks for emulators: its PATH when started by systemd.</summary>
    public static readonly string[] SearchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>RHEL-style hosts ship the host-architecture emulator as qemu-kvm only.</summary>
    public const string QemuKvmPath = "/usr/libexec/qemu-kvm";

    /// <summary>Debian's libvirt_lxc (LIBEXECDIR is /usr/lib/libvirt there).</summary>
    public const string LxcEmulatorPath = "/usr/lib/libvirt/libvirt_lxc";

    /// <summary>Xen's usual capability string on x86_64 when <c>/sys/hypervisor/properties/capabilities</c> is absent.</summary>
    public const string DefaultXenCapabilities = "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64";

    public const string XenCapabilitiesPath = "/sys/hypervisor/properties/capabilities";

    /// <summary>
    /// QEMU: one hvm guest per x86 architecture whose emulator exists, in libvirt's architecture order (i686, then
    /// x86_64). Domain type qemu always, kvm when <c>/dev/kvm</c> can be used and the guest runs on this architecture.
    /// Machine types come from asking QEMU (query-machines) and are left out.
    /// </summary>
    private static ImmutableArray<GuestSection> QemuGuests(HostEnvironment env, HostNotes notes)
    {
        var guests = ImmutableArray.CreateBuilder<GuestSection>();
        var kvm = KvmUsable(env);
        foreach (var (arch, binary, wordSize) in new[] { ("i686", "qemu-system-i386", 32), ("x86_64", "qemu-system-x86_64", 64) })
        {
            var emulator = FindEmulator(env.Root, binary) ?? (arch == env.Arch && IsRegularFile(env.Root, QemuKvmPath) ? QemuKvmPath : null);
            if (emulator is null)
            {
                notes.Omitted($"{arch} guest", $"no {binary} in {string.Join(':', SearchPath)}, so libvirt lists no {arch} guest", HostCodes.NotApplicable);
                continue;
            }

            string[] domains = kvm && env.IsX86 ? ["qemu", "kvm"] : ["qemu"];
            var features = arch == "i686"
                ? Features(new("pae"), new("nonpae"), new("acpi", true, true), new("apic", true, false), new("cpuselection"), new("deviceboot"), new("disksnapshot", true, false))
                : Features(new("acpi", true, true), new("apic", true, false), new("cpuselection"), new("deviceboot"), new("disksnapshot", true, false));
            guests.Add(new GuestSection("hvm", arch, wordSize, emulator, null, [], [.. domains], features));
        }

        if (guests.Count > 0)
        {
            notes.Omitted("machine types", "libvirt asks QEMU for them (query-machines); run 'virsh capabilities' for the list");
        }

        return guests.ToImmutable();
    }

    /// <summary>LXC: exe guests for the host architecture and, on x86_64, i686; always run by libvirt_lxc.</summary>
    private static ImmutableArray<GuestSection> LxcGuests(HostEnvironment env)
    {
        var guests = ImmutableArray.CreateBuilder<GuestSection>();
        guests.Add(new GuestSection("exe", env.Arch, WordSize(env.Arch), LxcEmulatorPath, null, [], ["lxc"], []));
        if (env.Arch == "x86_64")
        {
            guests.Add(new GuestSection("exe", "i686", 32, LxcEmulatorPath, null, [], ["lxc"], []));
        }

        return guests.ToImmutable();
    }

    /// <summary>
    /// libxl: one guest per (architecture, xen|hvm) of Xen's capability string, plus an xenpvh guest after each new
    /// hvm architecture (Xen ≥ 4.10). Emulator /usr/lib/xen/bin/qemu-system-i386, hvm guests boot hvmloader.
    /// </summary>
    private static ImmutableArray<GuestSection> XenGuests(HostEnvironment env, HostNotes notes)
    {
        var capabilities = env.Root.ReadLine(XenCapabilitiesPath);
        if (capabilities is null)
        {
            notes.Substituted(XenCapabilitiesPath, $"not a Xen host: the guests follow Xen's usual capability string \"{DefaultXenCapabilities}\"");
            capabilities = DefaultXenCapabilities;
        }

        var found = new List<(string Arch, bool Hvm, bool Pvh, bool Pae, bool NonPae)>();
        foreach (var token in capabilities.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split('-');
            if (parts.Length != 3 || parts[0] is not ("xen" or "hvm"))
            {
                continue;
            }

            var hvm = parts[0] == "hvm";
            var (arch, pae, nonPae) = parts[2] switch
            {
                "x86_32p" => ("i686", true, false),
                "x86_32" => ("i686", false, true),
                "x86_64" => ("x86_64", false, false),
                "aarch64" => ("aarch64", false, false),
                _ => (null, false, false),
            };
            if (arch is null)
            {
                continue;
            }

            var at = found.FindIndex(g => g.Arch == arch && g.Hvm == hvm && !g.Pvh);
            if (at >= 0)
            {
                var g = found[at];
                found[at] = g with { Pae = g.Pae || pae, NonPae = g.NonPae || nonPae };
                continue;
            }

            found.Add((arch, hvm, false, pae, nonPae));
            if (hvm)
            {
                found.Add((arch, false, true, false, false));
            }
        }

        return [.. found.Select(g => new GuestSection(
            g.Hvm ? "hvm" : g.Pvh ? "xenpvh" : "xen",
            g.Arch,
            WordSize(g.Arch),
            "/usr/lib/xen/bin/qemu-system-i386",
            g.Hvm ? "/usr/lib/xen/boot/hvmloader" : null,
            [new GuestMachine(g.Hvm ? "xenfv" : g.Pvh ? "xenpvh" : "xenpv")],
            ["xen"],
            XenFeatures(g.Hvm, g.Pvh, g.Pae, g.NonPae)))];
    }

    private static ImmutableArray<GuestFeature> XenFeatures(bool hvm, bool pvh, bool pae, bool nonPae)
    {
        var features = new List<GuestFeature>();
        if (pae)
        {
            features.Add(new("pae"));
        }

        if (nonPae)
        {
            features.Add(new("nonpae"));
        }

        if (hvm)
        {
            features.Add(new("acpi", true, true));
            features.Add(new("apic", true, false));
        }

        if (hvm || pvh)
        {
            features.Add(new("hap", true, true));
        }

        return [.. features];
    }

    private static int WordSize(string arch) => arch is "i686" or "armv7l" ? 32 : 64;

    /// <summary>The first <paramref name="binary"/> along <see cref="SearchPath"/>, as a host path.</summary>
    private static string? FindEmulator(HostRoot root, string binary) =>
        SearchPath.Select(dir => $"{dir}/{binary}").FirstOrDefault(path => IsRegularFile(root, path));

    /// <summary>libvirt needs an executable file; for other roots (copied trees lose modes) existence is enough.</summary>
    private static bool IsRegularFile(HostRoot root, string path)
    {
        var real = root.Resolve(path);
        if (!File.Exists(real))
        {
            return false;
        }

        return !root.IsLive || OperatingSystem.IsWindows() || (File.GetUnixFileMode(real) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    /// <summary>KVM guests need <c>/dev/kvm</c>: on the live root it must open read-write, on other roots it must exist.</summary>
    private static bool KvmUsable(HostEnvironment env)
    {
        const string Device = "/dev/kvm";
        if (!env.Root.IsLive)
        {
            return env.Root.Exists(Device);
        }

        try
        {
            using var handle = File.OpenHandle(Device, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ImmutableArray<GuestFeature> Features(params GuestFeature[] features) => [.. features];
}
