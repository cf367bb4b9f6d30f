namespace CpuCompat.Core.Cpu;

/// <summary>
/// The four 32-bit registers of a CPUID slot; an MSR slot uses <see cref="Eax"/> for the low and
/// <see cref="Edx"/> for the high half of the 64-bit value.
/// </summary>
public readonly record struct Registers(uint Eax, uint Ebx, uint Ecx, uint Edx)
{
    public static readonly Registers Zero = default;

    public bool IsZero => (Eax | Ebx | Ecx | Edx) == 0;

    public Registers Or(Registers o) => new(Eax | o.Eax, Ebx | o.Ebx, Ecx | o.Ecx, Edx | o.Edx);

    public Registers And(Registers o) => new(Eax & o.Eax, Ebx & o.Ebx, Ecx & o.Ecx, Edx & o.Edx);

    public Registers AndNot(Registers o) => new(Eax & ~o.Eax, Ebx & ~o.Ebx, Ecx & ~o.Ecx, Edx & ~o.Edx);

    /// <summary>Every bit of <paramref name="o"/> is set here.</summary>
    public bool Contains(Registers o) => o.AndNot(this).IsZero;

    public bool Intersects(Registers o) => !And(o).IsZero;

    public int PopCount() =>
        System.Numerics.BitOperations.PopCount(Eax) + System.Numerics.BitOperations.PopCount(Ebx)
        + System.Numerics.BitOperations.PopCount(Ecx) + System.Numerics.BitOperations.PopCount(Edx);

    /// <summary>The register named <paramref name="index"/> (0 = EAX, 1 = EBX, 2 = ECX, 3 = EDX).</summary>
    public uint this[int index] => index switch
    {
        0 => Eax,
        1 => Ebx,
        2 => Ecx,
        3 => Edx,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static Registers Single(int register, uint mask) => register switch
    {
        0 => new(mask, 0, 0, 0),
        1 => new(0, mask, 0, 0),
        2 => new(0, 0, mask, 0),
        3 => new(0, 0, 0, mask),
        _ => throw new ArgumentOutOfRangeException(nameof(register)),
    };
}
