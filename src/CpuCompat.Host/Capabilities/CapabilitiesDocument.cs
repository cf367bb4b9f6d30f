using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// An immutable model of libvirt's <c>&lt;capabilities&gt;</c> for one hypervisor driver: the host, the guests, the
/// libvirt generation whose format it follows (11.x adds clusters), and the notes on what could not be probed.
/// </summary>
public sealed record CapabilitiesDocument(
    HypervisorDriver Driver,
    LibvirtGeneration Generation,
    HostSection Host,
    ImmutableArray<GuestSection> Guests,
    ImmutableArray<HostNote> Notes);
