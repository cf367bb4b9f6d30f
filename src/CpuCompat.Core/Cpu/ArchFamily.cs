namespace CpuCompat.Core.Cpu;

/// <summary>The CPU driver families, as libvirt groups architectures: one database section and one driver each.</summary>
public enum ArchFamily
{
    X86,
    Ppc64,
    Arm,

    /// <summary>IBM Z: libvirt's s390 driver leaves every check to QEMU, so it has no database section.</summary>
    S390,
}
