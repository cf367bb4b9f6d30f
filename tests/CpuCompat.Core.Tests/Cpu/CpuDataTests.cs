using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Tests.Cpu;

public sealed class CpuDataTests
{
    private static readonly DataKey Leaf1 = DataKey.Cpuid(1);
    private static readonly DataKey Leaf7 = DataKey.Cpuid(7);
    private static readonly DataKey Leaf7Sub1 = DataKey.Cpuid(7, 1);
    private static readonly DataKey Arch = DataKey.Msr(0x10a);

    [Fact]
    public void Slots_with_the_same_key_are_or_merged()
    {
        var data = CpuData.From([new(Leaf1, new Registers(1, 0, 4, 0)), new(Leaf7, new Registers(0, 2, 0, 0)), new(Leaf1, new Registers(2, 0, 4, 8))]);

        Assert.Equal(2, data.Slots.Length);
        Assert.Equal(new Registers(3, 0, 4, 8), data[Leaf1]);
    }

    [Fact]
    public void Slots_are_sorted_cpuid_before_msr_then_by_leaf_and_subleaf()
    {
        var data = CpuData.From(
        [
            new(Arch, new Registers(1, 0, 0, 0)),
            new(DataKey.Cpuid(0x80000001), new Registers(1, 0, 0, 0)),
            new(Leaf7Sub1, new Registers(1, 0, 0, 0)),
            new(Leaf7, new Registers(1, 0, 0, 0)),
            new(Leaf1, new Registers(1, 0, 0, 0)),
        ]);

        Assert.Equal([Leaf1, Leaf7, Leaf7Sub1, DataKey.Cpuid(0x80000001), Arch], data.Slots.Select(s => s.Key));
    }

    [Fact]
    public void Looking_up_a_missing_key_gives_zero_registers()
    {
        var data = CpuData.From([new(Leaf1, new Registers(1, 2, 3, 4)), new(Arch, new Registers(5, 0, 0, 6))]);

        Assert.Equal(new Registers(1, 2, 3, 4), data[Leaf1]);
        Assert.Equal(new Registers(5, 0, 0, 6), data[Arch]);
        Assert.Equal(Registers.Zero, data[Leaf7]);
        Assert.Equal(Registers.Zero, data[DataKey.Msr(1)]);
        Assert.Equal(Registers.Zero, CpuData.Empty[Leaf1]);
    }

    [Fact]
    public void Lookup_finds_every_key_of_a_large_table()
    {
        var keys = Enumerable.Range(0, 37).Select(i => i % 3 == 0 ? DataKey.Msr((uint)i) : DataKey.Cpuid((uint)i, (uint)(i % 2))).ToList();
        var data = CpuData.From(keys.Select((k, i) => new DataSlot(k, new Registers((uint)i + 1, 0, 0, 0))).Reverse());

        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal((uint)i + 1, data[keys[i]].Eax);
        }
    }

    [Fact]
    public void Zero_slots_are_kept_but_count_as_absent()
    {
        var data = CpuData.From([new(Leaf1, Registers.Zero), new(Leaf7, Registers.Zero)]);

        Assert.Equal(2, data.Slots.Length);
        Assert.True(data.IsEmpty);
        Assert.Equal(Registers.Zero, data[Leaf1]);
        Assert.True(CpuData.Empty.IsEmpty);
        Assert.False(data.With(Leaf7, new Registers(0, 1, 0, 0)).IsEmpty);
    }

    [Fact]
    public void With_ors_bits_into_a_slot_and_Without_clears_them()
    {
        var data = CpuData.From([new(Leaf7, new Registers(0, 0b0101, 0, 0))]);

        var with = data.With(Leaf7, new Registers(0, 0b0010, 0, 0)).With(Leaf1, new Registers(0, 0, 1, 0));
        var without = with.Without(Leaf7, new Registers(0, 0b0110, 0, 0)).Without(Arch, new Registers(1, 1, 1, 1));

        Assert.Equal(new Registers(0, 0b0111, 0, 0), with[Leaf7]);
        Assert.Equal(new Registers(0, 0, 1, 0), with[Leaf1]);
        Assert.Equal(new Registers(0, 0b0001, 0, 0), without[Leaf7]);
        Assert.Equal([Leaf1, Leaf7], without.Slots.Select(s => s.Key));
        Assert.Equal(new Registers(0, 0b0101, 0, 0), data[Leaf7]);
    }
}
