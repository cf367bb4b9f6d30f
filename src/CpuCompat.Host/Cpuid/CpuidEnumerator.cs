using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Cpuid;

/// <summary>
/// libvirt's enumeration of a real host's CPUID: basic leaves 0..max and extended leaves
/// 0x80000000..max with sub-leaf 0, plus the sub-leaf rules of leaves 4, 7, 0xB, 0xD, 0xF, 0x10, 0x12, 0x14 and 0x17.
/// All-zero results are dropped, so the data holds exactly the slots libvirt would decode.
/// </summary>
public static class CpuidEnumerator
{
    public const uint BasicBase = 0;
    public const uint ExtendedBase = 0x80000000;

    /// <summary>
    /// Bounds on loops that real processors end after a handful of iterations (leaf 4 has ~5 cache levels, leaf 0xB
    /// 2–3 topology levels); they only stop a broken or recorded source from looping forever.
    /// </summary>
    private const uint MaxSubleaves = 64;

    /// <summary>
    /// A maximum leaf above this is not a real processor's: real ones report under 0x30 basic and 0x80000030 extended
    /// leaves. Some hypervisors answer unknown leaves with garbage; this keeps the walk short.
    /// </summary>
    private const uint MaxLeavesPerRange = 0x100;

    public static CpuData Enumerate(ICpuidSource source)
    {
        var slots = new List<DataSlot>();
        EnumerateRange(source, BasicBase, slots);
        EnumerateRange(source, ExtendedBase, slots);
        return CpuData.From(slots);
    }

    private static void EnumerateRange(ICpuidSource source, uint baseLeaf, List<DataSlot> slots)
    {
        // An extended maximum below 0x80000000 means the range does not exist: the loop below then does nothing.
        var max = Math.Min(source.Query(baseLeaf, 0).Eax, baseLeaf + MaxLeavesPerRange - 1);
        for (var leaf = baseLeaf; leaf <= max; leaf++)
        {
            var sub0 = source.Query(leaf, 0);
            switch (leaf)
            {
                case 0x4: Leaf4(source, sub0, slots); break;
                case 0x7: CountedSubleaves(source, leaf, sub0, slots); break;
                case 0xB: LeafB(source, sub0, slots); break;
                case 0xD: LeafD(source, sub0, slots); break;
                case 0xF: ResourceSubleaves(source, leaf, sub0, sub0.Edx, slots); break;
                case 0x10: ResourceSubleaves(source, leaf, sub0, sub0.Ebx, slots); break;
                case 0x12: Leaf12(source, sub0, slots); break;
                case 0x14: CountedSubleaves(source, leaf, sub0, slots); break;
                case 0x17:
                    if (sub0.Eax >= 3)
                    {
                        CountedSubleaves(source, leaf, sub0, slots);
                    }

                    break;
                default: Add(slots, leaf, 0, sub0); break;
            }
        }
    }

    /// <summary>Deterministic cache parameters: sub-leaf n+1 exists while EAX[4:0] of sub-leaf n is not 0.</summary>
    private static void Leaf4(ICpuidSource source, Registers sub0, List<DataSlot> slots)
    {
        Add(slots, 0x4, 0, sub0);
        var current = sub0;
        for (uint sub = 1; (current.Eax & 0x1F) != 0 && sub < MaxSubleaves; sub++)
        {
            current = source.Query(0x4, sub);
            Add(slots, 0x4, sub, current);
        }
    }

    /// <summary>Leaves 7 and 0x14: sub-leaf 0 EAX is the highest sub-leaf.</summary>
    private static void CountedSubleaves(ICpuidSource source, uint leaf, Registers sub0, List<DataSlot> slots)
    {
        Add(slots, leaf, 0, sub0);
        for (uint sub = 1; sub <= Math.Min(sub0.Eax, MaxSubleaves); sub++)
        {
            Add(slots, leaf, sub, source.Query(leaf, sub));
        }
    }

    /// <summary>Extended topology: sub-leaves are valid while ECX[15:8] (the level type) is not 0, including sub-leaf 0.</summary>
    private static void LeafB(ICpuidSource source, Registers sub0, List<DataSlot> slots)
    {
        var current = sub0;
        for (uint sub = 0; (current.Ecx & 0xFF00) != 0 && sub < MaxSubleaves;)
        {
            Add(slots, 0xB, sub, current);
            sub++;
            current = source.Query(0xB, sub);
        }
    }

    /// <summary>
    /// Extended state: sub-leaves 0 and 1 always; sub-leaf n ≥ 2 when bit n is set in sub-leaf 0 EAX/EDX (user
    /// states) or sub-leaf 1 ECX/EDX (supervisor states).
    /// </summary>
    private static void LeafD(ICpuidSource source, Registers sub0, List<DataSlot> slots)
    {
        Add(slots, 0xD, 0, sub0);
        var sub1 = source.Query(0xD, 1);
        Add(slots, 0xD, 1, sub1);
        for (var sub = 2; sub < 64; sub++)
        {
            var present = sub < 32
                ? ((sub0.Eax | sub1.Ecx) & (1u << sub)) != 0
                : ((sub0.Edx | sub1.Edx) & (1u << (sub - 32))) != 0;
            if (present)
            {
                Add(slots, 0xD, (uint)sub, source.Query(0xD, (uint)sub));
            }
        }
    }

    /// <summary>RDT monitoring (0xF, mask in EDX) and allocation (0x10, mask in EBX): sub-leaf n when bit n ≥ 1 is set.</summary>
    private static void ResourceSubleaves(ICpuidSource source, uint leaf, Registers sub0, uint mask, List<DataSlot> slots)
    {
        Add(slots, leaf, 0, sub0);
        for (var sub = 1; sub < 32; sub++)
        {
            if ((mask & (1u << sub)) != 0)
            {
                Add(slots, leaf, (uint)sub, source.Query(leaf, (uint)sub));
            }
        }
    }

    /// <summary>SGX: only when leaf 7 EBX bit 2 is set; sub-leaves 0 and 1, then 2.. while EAX[3:0] is not 0.</summary>
    private static void Leaf12(ICpuidSource source, Registers sub0, List<DataSlot> slots)
    {
        if ((source.Query(0x7, 0).Ebx & (1u << 2)) == 0)
        {
            return;
        }

        Add(slots, 0x12, 0, sub0);
        Add(slots, 0x12, 1, source.Query(0x12, 1));
        for (uint sub = 2; sub < MaxSubleaves; sub++)
        {
            var current = source.Query(0x12, sub);
            if ((current.Eax & 0xF) == 0)
            {
                break;
            }

            Add(slots, 0x12, sub, current);
        }
    }

    private static void Add(List<DataSlot> slots, uint leaf, uint subleaf, Registers registers)
    {
        if (!registers.IsZero)
        {
            slots.Add(new DataSlot(DataKey.Cpuid(leaf, subleaf), registers));
        }
    }
}
