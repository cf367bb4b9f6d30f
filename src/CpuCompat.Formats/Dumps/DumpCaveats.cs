using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Dumps;

/// <summary>
/// What a dump's values say about how it was taken (libcpuid corpus README): a 32-bit program on an Intel CPU reads
/// SYSCALL (CPUID 0x80000001 EDX bit 11) as 0 although the CPU has long mode, and a dump taken inside a virtual machine
/// shows what the hypervisor let through (CPUID 1 ECX bit 31). Both change the decode, so they are worth a sentence.
/// </summary>
internal static class DumpCaveats
{
    private const uint HypervisorBit = 1u << 31;
    private const uint SyscallBit = 1u << 11;
    private const uint LongModeBit = 1u << 29;

    public static IEnumerable<string> Of(Core.Cpu.CpuData data)
    {
        var ext1 = data[DataKey.Cpuid(0x8000_0001)];
        var intel = data[DataKey.Cpuid(0)] == CpuidVendor.Encode("GenuineIntel") with { Eax = data[DataKey.Cpuid(0)].Eax };
        if (intel && (ext1.Edx & LongModeBit) != 0 && (ext1.Edx & SyscallBit) == 0)
        {
            yield return "The CPU has long mode but SYSCALL (CPUID 0x80000001 EDX bit 11) reads 0: the dump was most likely taken by a "
                + "32-bit program, where Intel CPUs hide that bit, so models that need 'syscall' cannot match.";
        }

        if ((data[DataKey.Cpuid(1)].Ecx & HypervisorBit) != 0)
        {
            yield return "The hypervisor bit (CPUID 1 ECX bit 31) is set: the dump was taken inside a virtual machine and shows only "
                + "the features its hypervisor passed through.";
        }
    }
}
