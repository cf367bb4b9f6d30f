using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Cpuid;

public sealed class CpuidEnumeratorTests
{
    /// <summary>A processor answering from a table; anything else reads as zero, and every query is counted.</summary>
    private sealed class TableCpuid(Dictionary<(uint, uint), Registers> table) : ICpuidSource
    {
        public int Queries { get; private set; }

        public string Description => "table";

        public Registers Query(uint leaf, uint subleaf)
        {
            Queries++;
            return table.TryGetValue((leaf, subleaf), out var r) ? r : Registers.Zero;
        }
    }

    private static HashSet<(uint, uint)> Keys(Dictionary<(uint, uint), Registers> table) =>
        [.. CpuidEnumerator.Enumerate(new TableCpuid(table)).Slots.Select(s => (s.Key.Leaf, s.Key.Subleaf))];

    private static Registers R(uint eax = 0, uint ebx = 0, uint ecx = 0, uint edx = 0) => new(eax, ebx, ecx, edx);

    [Fact]
    public void Basic_and_extended_leaves_are_walked_to_their_maxima_and_zero_slots_dropped()
    {
        var keys = Keys(new()
        {
            [(0, 0)] = R(eax: 2),
            [(1, 0)] = R(ecx: 1),
            [(3, 0)] = R(eax: 1),
            [(0x80000000, 0)] = R(eax: 0x80000001),
            [(0x80000001, 0)] = R(edx: 1),
        });

        // Leaf 2 is all zero (dropped), leaf 3 is above the maximum (never asked).
        Assert.Equal([(0u, 0u), (1u, 0u), (0x80000000u, 0u), (0x80000001u, 0u)], keys.Order());
    }

    [Fact]
    public void An_extended_maximum_below_0x80000000_means_no_extended_range() =>
        Assert.DoesNotContain((0x80000000u, 0u), Keys(new() { [(0, 0)] = R(eax: 0), [(0x80000000, 0)] = R(eax: 0x10) }));

    [Fact]
    public void Leaf_4_continues_while_the_cache_type_is_not_zero() =>
        Assert.Equal(
            [(4u, 0u), (4u, 1u)],
            Keys(new() { [(0, 0)] = R(eax: 4), [(4, 0)] = R(eax: 0x121), [(4, 1)] = R(eax: 0x143), [(4, 3)] = R(eax: 0x163) }).Where(k => k.Item1 == 4).Order());

    [Fact]
    public void Leaf_7_and_0x14_have_as_many_subleaves_as_subleaf_0_eax_says()
    {
        var keys = Keys(new()
        {
            [(0, 0)] = R(eax: 0x14),
            [(7, 0)] = R(eax: 1, ebx: 1),
            [(7, 1)] = R(eax: 0x20),
            [(7, 2)] = R(edx: 1),
            [(0x14, 0)] = R(eax: 1),
            [(0x14, 1)] = R(ebx: 1),
        });

        Assert.Contains((7u, 1u), keys);
        Assert.DoesNotContain((7u, 2u), keys);
        Assert.Contains((0x14u, 1u), keys);
    }

    [Fact]
    public void Leaf_0xB_stops_at_the_first_invalid_level_including_subleaf_0() =>
        Assert.Equal(
            [(0xBu, 0u), (0xBu, 1u)],
            Keys(new() { [(0, 0)] = R(eax: 0xB), [(0xB, 0)] = R(ecx: 0x100), [(0xB, 1)] = R(ecx: 0x201), [(0xB, 3)] = R(ecx: 0x300) }).Where(k => k.Item1 == 0xB).Order());

    [Fact]
    public void Leaf_0xD_asks_subleaf_1_and_the_states_announced_in_subleaves_0_and_1()
    {
        var keys = Keys(new()
        {
            [(0, 0)] = R(eax: 0xD),
            [(0xD, 0)] = R(eax: 0b111),
            [(0xD, 1)] = R(eax: 0xF, ecx: 1u << 8),
            [(0xD, 2)] = R(eax: 0x100),
            [(0xD, 3)] = R(eax: 0x40),
            [(0xD, 8)] = R(eax: 0x80),
        });

        Assert.Equal([(0xDu, 0u), (0xDu, 1u), (0xDu, 2u), (0xDu, 8u)], keys.Where(k => k.Item1 == 0xD).Order());
    }

    [Fact]
    public void Rdt_leaves_ask_the_resources_their_masks_announce()
    {
        var keys = Keys(new()
        {
            [(0, 0)] = R(eax: 0x10),
            [(0xF, 0)] = R(edx: 0b10),
            [(0xF, 1)] = R(eax: 1),
            [(0x10, 0)] = R(ebx: 0b100),
            [(0x10, 1)] = R(eax: 1),
            [(0x10, 2)] = R(eax: 2),
        });

        Assert.Contains((0xFu, 1u), keys);
        Assert.Contains((0x10u, 2u), keys);
        Assert.DoesNotContain((0x10u, 1u), keys);
    }

    [Fact]
    public void Leaf_0x12_needs_sgx_and_leaf_0x17_needs_eax_at_least_3()
    {
        Dictionary<(uint, uint), Registers> table = new()
        {
            [(0, 0)] = R(eax: 0x17),
            [(0x12, 0)] = R(eax: 1),
            [(0x17, 0)] = R(eax: 2, ebx: 1),
        };
        Assert.DoesNotContain((0x12u, 0u), Keys(table));
        Assert.DoesNotContain((0x17u, 0u), Keys(table));

        table[(7, 0)] = R(ebx: 1u << 2);
        table[(0x12, 1)] = R(eax: 1);
        table[(0x12, 2)] = R(eax: 1);
        table[(0x17, 0)] = R(eax: 3);
        table[(0x17, 3)] = R(ebx: 1);
        var keys = Keys(table);
        Assert.Contains((0x12u, 2u), keys);
        Assert.Contains((0x17u, 3u), keys);
    }

    [Fact]
    public void A_source_that_answers_garbage_maxima_is_walked_a_bounded_number_of_times()
    {
        var source = new TableCpuid(new() { [(0, 0)] = R(eax: 0xFFFFFFFF), [(0x80000000, 0)] = R(eax: 0xFFFFFFFF) });
        CpuidEnumerator.Enumerate(source);
        Assert.InRange(source.Queries, 1, 10_000);
    }
}
