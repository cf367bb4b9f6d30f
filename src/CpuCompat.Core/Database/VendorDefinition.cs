using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Database;

/// <summary>
/// A compiled vendor. For x86, <see cref="Leaf0"/> holds the CPUID leaf 0 registers its 12-character string
/// occupies (see <see cref="CpuidVendor.Encode"/>).
/// </summary>
public sealed record VendorDefinition(int Id, string Name, string? CpuidString, uint? Value, SourceSpan Span)
{
    public Registers Leaf0 { get; } = CpuidString is { Length: 12 } s ? CpuidVendor.Encode(s) : Registers.Zero;
}
