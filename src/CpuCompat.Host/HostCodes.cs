namespace CpuCompat.Host;

/// <summary>
/// Stable codes of the host probes (CC46xx, inside the 4xxx input-format range): 460x a source of this machine
/// could not be used, 461x a guest file of the topology check. Never reuse a code.
/// </summary>
public static class HostCodes
{
    /// <summary>A file, directory or device the probe reads is not there (containers, other architectures, missing modules).</summary>
    public const string SourceMissing = "CC4601";

    /// <summary>A source exists but could not be read (permission denied, I/O error).</summary>
    public const string SourceUnreadable = "CC4602";

    /// <summary>A source was read but its content is not what the kernel writes there.</summary>
    public const string SourceMalformed = "CC4603";

    /// <summary>A value was not available and a documented substitute was used instead (say which).</summary>
    public const string Substituted = "CC4604";

    /// <summary>The probe does not apply to this machine (no CPUID on this architecture, not a Xen host).</summary>
    public const string NotApplicable = "CC4605";

    /// <summary>A value libvirt gets from a running hypervisor (QEMU machine types) is left out.</summary>
    public const string LeftOut = "CC4606";

    /// <summary>The guest file of the topology check is not a domain or CPU definition CpuCompat can read.</summary>
    public const string GuestUnreadable = "CC4610";

    /// <summary>The guest's &lt;vcpu&gt; element has no valid count.</summary>
    public const string GuestInvalidVcpus = "CC4611";
}
