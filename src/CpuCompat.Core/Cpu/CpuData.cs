using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Cpu;

/// <summary>
/// Raw CPU data: CPUID leaves/sub-leaves and MSR values, one slot per key, sorted (CPUID before MSR).
/// A slot whose registers are all zero counts as absent everywhere except in <see cref="Slots"/>.
/// </summary>
public sealed class CpuData
{
    public static readonly CpuData Empty = new([]);

    private CpuData(ImmutableArray<DataSlot> slots) => Slots = slots;

    public ImmutableArray<DataSlot> Slots { get; }

    /// <summary>The registers of <paramref name="key"/>, zero when the data has no such slot.</summary>
    public Registers this[DataKey key]
    {
        get
        {
            int lo = 0, hi = Slots.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = Slots[mid].Key.CompareTo(key);
                if (c == 0)
                {
                    return Slots[mid].Registers;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return Registers.Zero;
        }
    }

    public bool IsEmpty => Slots.All(s => s.Registers.IsZero);

    /// <summary>Builds data from slots in any order; slots with the same key are OR-merged.</summary>
    public static CpuData From(IEnumerable<DataSlot> slots) => From([.. slots]);

    /// <inheritdoc cref="From(IEnumerable{DataSlot})"/>
    public static CpuData From(ReadOnlySpan<DataSlot> slots)
    {
        // Data read from a file is almost always in key order already: then it is one copy, without sorting.
        var sorted = slots.ToArray();
        if (!IsStrictlyOrdered(sorted))
        {
            sorted.AsSpan().Sort(static (a, b) => a.Key.CompareTo(b.Key));
        }

        var count = 0;
        foreach (var slot in sorted)
        {
            if (count > 0 && sorted[count - 1].Key == slot.Key)
            {
                sorted[count - 1] = new DataSlot(slot.Key, sorted[count - 1].Registers.Or(slot.Registers));
            }
            else
            {
                sorted[count++] = slot;
            }
        }

        return new CpuData(ImmutableCollectionsMarshal.AsImmutableArray(count == sorted.Length ? sorted : sorted[..count]));
    }

    private static bool IsStrictlyOrdered(ReadOnlySpan<DataSlot> slots)
    {
        for (var i = 1; i < slots.Length; i++)
        {
            if (slots[i - 1].Key.CompareTo(slots[i].Key) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy with <paramref name="registers"/> OR-ed into slot <paramref name="key"/>.</summary>
    public CpuData With(DataKey key, Registers registers) => From(Slots.Append(new DataSlot(key, registers)));

    /// <summary>A copy with the bits of <paramref name="registers"/> cleared in slot <paramref name="key"/> (if present).</summary>
    public CpuData Without(DataKey key, Registers registers) =>
        new([.. Slots.Select(s => s.Key == key ? s with { Registers = s.Registers.AndNot(registers) } : s)]);
}
