using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Capabilities;

/// <summary>The libvirt driver whose <c>virsh capabilities</c> is reproduced: its guests and host sections differ.</summary>
public enum HypervisorDriver
{
    /// <summary><c>qemu:///system</c>: hvm guests per QEMU emulator found, decoded host CPU, dac security model.</summary>
    Qemu,

    /// <summary><c>lxc:///system</c>: exe guests run by libvirt_lxc, no host CPU model, no migration.</summary>
    Lxc,

    /// <summary><c>xen:///system</c> (libxl): xen, xenpvh and hvm guests from Xen's capability string.</summary>
    Xen,
}

public static class HypervisorDrivers
{
    public static string Name(this HypervisorDriver driver) => driver switch
    {
        HypervisorDriver.Qemu => "qemu",
        HypervisorDriver.Lxc => "lxc",
        _ => "xen",
    };

    /// <summary>Parses the command-line spelling (qemu, kvm, lxc, xen, libxl); null for anything else.</summary>
    public static HypervisorDriver? Parse(string name) => name.ToLowerInvariant() switch
    {
        "qemu" or "kvm" => HypervisorDriver.Qemu,
        "lxc" => HypervisorDriver.Lxc,
        "xen" or "libxl" => HypervisorDriver.Xen,
        _ => null,
    };
}
