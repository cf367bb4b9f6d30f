using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Cpuid;

/// <summary>
/// CPUID answered from recorded data (a libvirt <c>&lt;cpudata&gt;</c> file captured on another host): a leaf or
/// sub-leaf the data lacks reads as zero, as an invalid sub-leaf does on real hardware. The recording's MSR values
/// stand in for the machine's MSR device.
/// </summary>
public sealed class RecordedCpuid(CpuData data, string description) : ICpuidSource, IMsrSource
{
    public CpuData Data { get; } = data;

    public string Description { get; } = description;

    public Registers Query(uint leaf, uint subleaf) => Data[DataKey.Cpuid(leaf, subleaf)];

    public ulong? Read(uint index)
    {
        var r = Data[DataKey.Msr(index)];
        return r.IsZero ? null : ((ulong)r.Edx << 32) | r.Eax;
    }
}
