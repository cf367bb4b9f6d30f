using System.Text.RegularExpressions;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Dumps;
using CpuCompat.Formats.Tests.Support;
using Xunit;

namespace CpuCompat.Formats.Tests.Dumps;

/// <summary>
/// The sub-leaf inference for old AIDA64 dumps, checked on the real dumps that do carry <c>[SL nn]</c> notes: with the
/// notes stripped, every dump must give the same non-zero slots (all-zero slots count as absent).
/// </summary>
public sealed partial class SubleafInferenceTests
{
    [GeneratedRegex(@"[ \t]*\[SL [0-9A-Fa-f]+\]")]
    private static partial Regex SubleafNote();

    public static TheoryData<string> NotedDumps()
    {
        var data = new TheoryData<string>();
        foreach (var dump in Samples.DumpFiles())
        {
            if (dump == Samples.Missing || File.ReadAllText(Path.Combine(Samples.DumpsRoot(), dump)).Contains("[SL ", StringComparison.Ordinal))
            {
                data.Add(dump);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NotedDumps))]
    public void Stripping_the_SL_notes_gives_the_same_non_zero_slots(string dump)
    {
        var text = Samples.ReadDump(dump);

        var noted = Aida64DumpReader.Read(text, dump);
        var stripped = Aida64DumpReader.Read(SubleafNote().Replace(text, ""), dump);

        Assert.True(noted.Succeeded && stripped.Succeeded);
        var expected = NonZero(noted.Data);
        var actual = NonZero(stripped.Data);
        Assert.True(expected.SetEquals(actual), $"missing: {string.Join(", ", expected.Except(actual))}; extra: {string.Join(", ", actual.Except(expected))}");
    }

    [Fact]
    public void Old_AIDA64_leaf_0xD_without_subleaf_1_is_numbered_by_component_size()
    {
        // intel-core-i7-3960x: sub-leaf 0 (x87, SSE, AVX), then AVX's 256 bytes at offset 576; sub-leaf 1 is not listed.
        var numbers = Assign(0xD, new(0x7, 0x340, 0x340, 0), new(0x100, 0x240, 0, 0));

        Assert.Equal([0u, 2u], numbers);
    }

    [Fact]
    public void Leaf_0xD_matches_supervisor_components_by_their_flag()
    {
        // Zen 3: XCR0 = x87|SSE|AVX|PKRU, IA32_XSS = CET_U|CET_S; AIDA64 lists 0, 1, 2, then skips 9 and lists CET_U.
        var numbers = Assign(0xD,
            new(0x207, 0x340, 0x988, 0), new(0xF, 0x350, 0x1800, 0), new(0x100, 0x240, 0, 0), new(0x10, 0, 1, 0));

        Assert.Equal([0u, 1u, 2u, 11u], numbers);
    }

    [Fact]
    public void Identical_neighbours_of_leaf_0xD_are_one_subleaf_printed_twice()
    {
        var lwp = new Registers(0x80, 0x340, 0, 0);

        var numbers = Assign(0xD, new(0x7, 0x340, 0x3C0, 0x4000_0000), new(0x1, 0, 0, 0), new(0x100, 0x240, 0, 0), lwp, lwp);

        Assert.Equal([0u, 1u, 2u, 62u, 62u], numbers);
    }

    [Fact]
    public void Topology_leaves_name_their_own_subleaf_in_ECX()
    {
        Assert.Equal([0u, 1u, 2u], Assign(0xB, new(1, 2, 0x100, 0), new(4, 8, 0x201, 0), new(0, 0, 0, 0)));
        Assert.Equal([0u, 1u], Assign(0x1F, new(1, 2, 0x100, 0), new(7, 0x14, 0x201, 0)));
    }

    [Fact]
    public void AMD_QoS_leaf_announces_subleaves_1_2_3_and_5()
    {
        // Zen 5 (EPYC 9655): EBX 0x7E, AIDA64 lists 0, 1, 2, 3, 5; bit 4 (L3RR) has no sub-leaf.
        var numbers = Assign(0x8000_0020, new(0, 0x7E, 0, 0), new(0xC, 0, 0, 0xF), new(0xC, 0, 0, 0xF), new(0, 2, 0x7F, 0), new(0x14, 0x1F, 1, 0));

        Assert.Equal([0u, 1u, 2u, 3u, 5u], numbers);
    }

    [Fact]
    public void More_entries_than_announced_are_a_fixed_range()
    {
        // AIDA64 prints leaf 0x10 as sub-leaves 0 and 1 even when sub-leaf 0 announces nothing.
        Assert.Equal([0u, 1u], Assign(0x10, new(0, 0, 0, 0), new(0, 0, 0, 0)));
        Assert.Equal([0u, 1u, 2u, 3u], Assign(4, new(0x121, 0, 0, 0), new(0x122, 0, 0, 0), new(0x143, 0, 0, 0), new(0x163, 0, 0, 0)));
    }

    private static uint[] Assign(uint leaf, params Registers[] entries) => [.. SubleafInference.Assign(leaf, entries).Subleaves];

    private static HashSet<DataSlot> NonZero(Core.Cpu.CpuData data) => [.. data.Slots.Where(s => !s.Registers.IsZero)];
}
