using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Data;
using CpuCompat.Host;
using CpuCompat.Host.Machine;

namespace CpuCompat.TestSupport;

/// <summary>
/// The host fixture trees under <c>tests/CpuCompat.Host.Tests/Fixtures/</c>: small hand-made copies of a host's
/// <c>/sys</c>, <c>/proc</c>, <c>/etc</c> and <c>/dev</c>, with the host's CPUID recorded in
/// <c>.cpucompat/cpudata.xml</c>.
/// </summary>
public static class HostFixtures
{
    /// <summary>2 sockets × 2 cores × 2 threads Intel Xeon, 2 NUMA nodes with 2 MiB and 1 GiB pages, SELinux, RHEL-style qemu-kvm, systemd with swap.</summary>
    public const string Intel = "intel-2s-selinux";

    /// <summary>1 socket × 4 cores × 2 threads AMD EPYC, 1 NUMA node, AppArmor, Debian-style QEMU, kvm_amd with nested on, no systemd.</summary>
    public const string Amd = "amd-1s-apparmor";

    /// <summary>A container's view: /proc/cpuinfo, /proc/meminfo and /etc/machine-id only.</summary>
    public const string Container = "container";

    public static string Path(string name) => RepositoryRoot.File($"tests/CpuCompat.Host.Tests/Fixtures/{name}");

    public static HostEnvironment Environment(string name) => HostEnvironment.ForRoot(Path(name));

    public static HostRoot Root(string name) => new(Path(name));

    /// <summary>The built-in database answering as libvirt 9.0.0 (whose capability schema is installed here) or 11.3.0.</summary>
    public static CpuEngine Engine(LibvirtGeneration generation = LibvirtGeneration.Libvirt9) =>
        new(DefaultDatabase.Value.WithGeneration(generation));
}
