namespace CpuCompat.Core.Cpu;

/// <summary>The x86 vendor string of CPUID leaf 0 (<c>GenuineIntel</c>, <c>AuthenticAMD</c>) as registers.</summary>
public static class CpuidVendor
{
    /// <summary>
    /// The leaf-0 registers a 12-character vendor string occupies: characters 1-4 in EBX, 5-8 in EDX, 9-12 in ECX,
    /// each word little-endian; EAX (the highest leaf) is left 0.
    /// </summary>
    public static Registers Encode(string vendor)
    {
        static uint Word(string s, int at) =>
            (uint)(byte)s[at] | ((uint)(byte)s[at + 1] << 8) | ((uint)(byte)s[at + 2] << 16) | ((uint)(byte)s[at + 3] << 24);

        return new Registers(0, Word(vendor, 0), Word(vendor, 8), Word(vendor, 4));
    }
}
