using System.Runtime.Intrinsics.X86;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Cpuid;

/// <summary>
/// This machine's CPUID through <see cref="X86Base.CpuId"/>, enumerated as libvirt probes a real host.
/// On other architectures there is no CPUID: <see cref="IsSupported"/> is false and reading gives empty data and a note.
/// </summary>
/// <remarks>
/// In a virtual machine (as on the KVM guests CI runs on) this is the CPUID the hypervisor exposes, which is also
/// what libvirt inside that guest sees.
/// </remarks>
public sealed class LiveCpuid : ICpuidSource
{
    public static LiveCpuid Instance { get; } = new();

    private LiveCpuid()
    {
    }

    public static bool IsSupported => X86Base.IsSupported;

    public string Description => "this machine's CPUID";

    public Registers Query(uint leaf, uint subleaf)
    {
        if (!X86Base.IsSupported)
        {
            return Registers.Zero;
        }

        var (eax, ebx, ecx, edx) = X86Base.CpuId(unchecked((int)leaf), unchecked((int)subleaf));
        return new Registers(unchecked((uint)eax), unchecked((uint)ebx), unchecked((uint)ecx), unchecked((uint)edx));
    }

    /// <summary>Every CPUID leaf and sub-leaf libvirt collects on this machine (no MSRs); empty with a note when there is no CPUID.</summary>
    public static CpuData Read(HostNotes notes)
    {
        if (!IsSupported)
        {
            notes.Omitted("CPUID", "no CPUID on this architecture", HostCodes.NotApplicable);
            return CpuData.Empty;
        }

        return CpuidEnumerator.Enumerate(Instance);
    }
}
