using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Database;

/// <summary>
/// A compiled vendor. For x86, <see cref="Leaf0"/> holds the CPUID leaf 0 registers its 12-character string
/// occupies (characters 1-4 in EBX, 5-8 in EDX, 9-12 in ECX, little-endian; EAX 0).
/// </summary>
public sealed record VendorDefinition(int Id, string Name, string? CpuidString, uint? Value, SourceSpan Span)
{
    public Registers Leaf0 { get; } = CpuidString is { Length: 12 } s ? EncodeString(s) : Registers.Zero;

    public static Registers EncodeString(string s)
    {
        static uint Word(string s, int at) =>
            (uint)(byte)s[at] | ((uint)(byte)s[at + 1] << 8) | ((uint)(byte)s[at + 2] << 16) | ((uint)(byte)s[at + 3] << 24);

        return new Registers(0, Word(s, 0), Word(s, 8), Word(s, 4));
    }
}
