using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// A vendor. x86 vendors carry their 12-character CPUID string (<c>GenuineIntel</c>), ARM vendors a numeric
/// implementer value, ppc64 vendors only a name.
/// </summary>
public sealed record VendorDeclaration(ArchFamily Arch, NameRef Name, string? CpuidString, uint? Value, SourceSpan Span)
    : ArchDeclaration(Arch, Span);
