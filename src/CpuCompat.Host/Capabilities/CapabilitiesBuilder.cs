using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// Probes a host and assembles the <c>&lt;capabilities&gt;</c> one libvirt driver reports for it. Never throws for a
/// missing or unreadable source: the document holds what could be known and the notes say what could not.
/// </summary>
public static partial class CapabilitiesBuilder
{
    /// <summary>
    /// The capabilities of <paramref name="env"/> for <paramref name="driver"/>. The host CPU model comes from the
    /// engine's x86 host decode (null engine: no model); the generation of its database chooses the format.
    /// </summary>
    public static CapabilitiesDocument Build(HostEnvironment env, HypervisorDriver driver, CpuEngine? engine)
    {
        var notes = env.NewNotes();
        var generation = engine?.Database.Generation ?? LibvirtGeneration.Libvirt11;
        var root = env.Root;
        var cpuInfo = CpuInfo.Read(root, notes);
        var cpus = CpuInventoryProbe.Read(root, notes);
        var nodeInfo = NodeInfoProbe.Compute(root, cpus);
        var pageKiB = PageSizeProbe.SystemPageKiB(root, notes);
        var numa = NumaProbe.Read(root, cpus, nodeInfo, pageKiB, notes);

        var host = new HostSection
        {
            Uuid = SmbiosUuidProbe.Read(root, notes),
            Arch = env.Arch,
            Iommu = driver != HypervisorDriver.Xen && IommuProbe.Read(root),
            PowerManagement = driver == HypervisorDriver.Xen ? [] : PowerManagementProbe.Read(root, notes),
        };

        host = driver switch
        {
            HypervisorDriver.Qemu => host with
            {
                Cpu = HostCpuBuilder.Build(env, engine, cpuInfo, nodeInfo, notes),
                PageSizesKiB = PageSizeProbe.Read(root, pageKiB),
                Migration = new MigrationFeatures(true, ["tcp", "rdma"]),
                Numa = numa,
                Caches = CacheProbe.Read(root, cpus, notes),
                SecurityModels = SecurityModelProbe.ForQemu(root, notes),
            },
            HypervisorDriver.Lxc => host with
            {
                PageSizesKiB = PageSizeProbe.Read(root, pageKiB),
                Numa = numa,
                Caches = CacheProbe.Read(root, cpus, notes),
                SecurityModels = SecurityModelProbe.ForLxc(root, notes),
            },
            _ => XenHost(env, host, engine, nodeInfo, numa, notes),
        };

        if (driver == HypervisorDriver.Lxc && env.Cpuid is not null)
        {
            notes.Omitted("host CPU model", "libvirt's LXC driver reports only the architecture and page sizes of the host CPU", HostCodes.NotApplicable);
        }

        var guests = driver switch
        {
            HypervisorDriver.Qemu => QemuGuests(env, notes),
            HypervisorDriver.Lxc => LxcGuests(env),
            _ => XenGuests(env, notes),
        };

        return new CapabilitiesDocument(driver, generation, host, guests, notes.ToImmutable());
    }

    /// <summary>
    /// What libvirt's libxl driver reports from Xen's physinfo, approximated from the dom0's view: the CPU decoded
    /// from the feature words Xen passes on (no vendor, signature, microcode or counter), the <c>pae</c> host flag,
    /// NUMA cells without page pools, no caches, power management or security models, and the <c>vif</c> net prefix.
    /// </summary>
    private static HostSection XenHost(HostEnvironment env, HostSection host, CpuEngine? engine, NodeInfo nodeInfo, NumaTopology numa, HostNotes notes)
    {
        notes.Substituted("libxl physinfo", "the xen driver's host section is approximated from this host's sysfs and CPUID; libvirt asks a running Xen hypervisor");
        var (cpu, flags) = XenHostCpu.Build(env, engine, nodeInfo, notes);
        return host with
        {
            CpuFlags = flags,
            Cpu = cpu,
            Migration = new MigrationFeatures(true, []),
            NetPrefix = "vif",
            Numa = numa with { Cells = [.. numa.Cells.Select(c => c with { Pages = [] })] },
        };
    }
}
