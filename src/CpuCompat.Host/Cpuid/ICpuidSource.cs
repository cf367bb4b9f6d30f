using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Cpuid;

/// <summary>Answers the CPUID instruction for a leaf and sub-leaf: this machine's processor, or recorded data.</summary>
public interface ICpuidSource
{
    /// <summary>A short description for notes ("this machine's CPUID", a file name).</summary>
    string Description { get; }

    Registers Query(uint leaf, uint subleaf);
}
