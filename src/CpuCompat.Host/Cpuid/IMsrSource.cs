namespace CpuCompat.Host.Cpuid;

/// <summary>Answers model-specific register reads: this machine's (<see cref="MsrReader"/>) or recorded ones.</summary>
public interface IMsrSource
{
    /// <summary>The 64-bit value of MSR <paramref name="index"/>, or null when it cannot be read.</summary>
    ulong? Read(uint index);
}
