namespace CpuCompat.Core.Cpu;

public enum DataKind : byte
{
    Cpuid,
    Msr,
}

/// <summary>
/// The key of one slot of CPU data: a CPUID leaf and sub-leaf, or an MSR index (held in <see cref="Leaf"/>).
/// Keys sort CPUID before MSR, then by leaf (index) and sub-leaf, as libvirt prints data.
/// </summary>
public readonly record struct DataKey(DataKind Kind, uint Leaf, uint Subleaf) : IComparable<DataKey>
{
    public static DataKey Cpuid(uint leaf, uint subleaf = 0) => new(DataKind.Cpuid, leaf, subleaf);

    public static DataKey Msr(uint index) => new(DataKind.Msr, index, 0);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int CompareTo(DataKey other)
    {
        // Compared as numbers: Enum.CompareTo boxes, and keys are compared in every lookup of CPU data.
        var c = ((byte)Kind).CompareTo((byte)other.Kind);
        if (c != 0)
        {
            return c;
        }

        c = Leaf.CompareTo(other.Leaf);
        return c != 0 ? c : Subleaf.CompareTo(other.Subleaf);
    }

    public override string ToString() => Kind == DataKind.Cpuid
        ? (Subleaf == 0 ? $"cpuid(0x{Leaf:x})" : $"cpuid(0x{Leaf:x}, 0x{Subleaf:x})")
        : $"msr(0x{Leaf:x})";
}
