using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Dumps;
using CpuCompat.Formats.Tests.Support;
using Xunit;

namespace CpuCompat.Formats.Tests.Dumps;

public sealed class LibcpuidDumpReaderTests
{
    // A libcpuid dump cut down to what the tests need: max basic leaf 0xD, max extended leaf 0x80000008; Intel
    // answers out-of-range leaves with the highest basic leaf's data, hence the non-zero padding.
    private const string Dump = """
        version=0.6.5
        _________________ Logical CPU #0 _________________
        basic_cpuid[0]=0000000d 756e6547 6c65746e 49656e69
        basic_cpuid[1]=000306c3 00100800 7ffafbff bfebfbff
        basic_cpuid[4]=1c004121 01c0003f 0000003f 00000000
        basic_cpuid[7]=00000000 000027ab 00000000 9c000000
        basic_cpuid[11]=00000001 00000002 00000100 00000000
        basic_cpuid[13]=00000007 00000340 00000340 00000000
        basic_cpuid[14]=00000007 00000340 00000340 00000000
        basic_cpuid[20]=00000007 00000340 00000340 00000000
        ext_cpuid[0]=80000008 00000000 00000000 00000000
        ext_cpuid[1]=00000000 00000000 00000021 2c100800
        ext_cpuid[8]=00003027 00000000 00000000 00000000
        ext_cpuid[9]=00000007 00000340 00000340 00000000
        intel_fn4[0]=1c004121 01c0003f 0000003f 00000000
        intel_fn4[1]=1c004122 01c0003f 0000003f 00000000
        intel_fn11[0]=00000001 00000002 00000100 00000000
        intel_fn11[1]=00000004 00000008 00000201 00000000
        intel_fn12h[0]=00000001 00000000 00000000 00000000
        intel_fn14h[0]=00000001 0000000f 00000007 00000000
        amd_fn8000001dh[0]=00004121 01c0003f 0000003f 00000000

        _________________ Logical CPU #1 _________________
        basic_cpuid[0]=0000000d 756e6547 6c65746e 49656e69
        """;

    [Fact]
    public void Arrays_map_to_leaves_and_subleaves()
    {
        var result = LibcpuidDumpReader.Read(Dump, "t.txt");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var data = result.Data;
        Assert.Equal(0x000306C3u, data[DataKey.Cpuid(1)].Eax);
        Assert.Equal(0x1C004122u, data[DataKey.Cpuid(4, 1)].Eax);
        Assert.Equal(0x201u, data[DataKey.Cpuid(0xB, 1)].Ecx);
        Assert.Equal(0x3027u, data[DataKey.Cpuid(0x8000_0008)].Eax);
        Assert.Equal(0x2C100800u, data[DataKey.Cpuid(0x8000_0001)].Edx);
    }

    [Fact]
    public void Entries_above_the_maximum_leaf_are_padding_and_dropped()
    {
        var result = LibcpuidDumpReader.Read(Dump, "t.txt");

        var keys = result.Data!.Slots.Select(s => s.Key).ToHashSet();
        Assert.DoesNotContain(DataKey.Cpuid(14), keys);
        Assert.DoesNotContain(DataKey.Cpuid(20), keys);
        Assert.DoesNotContain(DataKey.Cpuid(0x8000_0009), keys);

        // Leaf 0x12, 0x14 and 0x8000001D are above the maximum leaves, so their sub-leaf arrays are padding too.
        Assert.DoesNotContain(keys, k => k.Leaf is 0x12 or 0x14 or 0x8000_001D);
        var padding = result.Diagnostics.Where(d => d.Code == FormatCodes.PaddingDropped).ToList();
        Assert.Equal(["amd_fn8000001dh", "basic_cpuid", "ext_cpuid", "intel_fn12h", "intel_fn14h"], padding.Select(d => d.Message.Split(' ')[1]).Order(StringComparer.Ordinal));
        Assert.All(padding, d => Assert.Equal(Core.Diagnostics.DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public void Subleaf_arrays_within_range_are_kept()
    {
        var text = Dump.Replace("basic_cpuid[0]=0000000d", "basic_cpuid[0]=00000014", StringComparison.Ordinal);

        var data = LibcpuidDumpReader.Read(text, "t.txt").Data!;

        Assert.Equal(1u, data[DataKey.Cpuid(0x12)].Eax);
        Assert.Equal(0xFu, data[DataKey.Cpuid(0x14)].Ebx);
    }

    [Fact]
    public void Missing_subleaves_stay_missing()
    {
        var data = LibcpuidDumpReader.Read(Dump, "t.txt").Data!;

        Assert.True(data[DataKey.Cpuid(0xD, 1)].IsZero);
        Assert.True(data[DataKey.Cpuid(7, 1)].IsZero);
        Assert.DoesNotContain(data.Slots, s => s.Key == DataKey.Cpuid(0xD, 1));
    }

    [Fact]
    public void Only_the_first_logical_cpu_is_read()
    {
        var result = LibcpuidDumpReader.Read(Dump, "t.txt");

        var note = Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.OtherCpusIgnored);
        Assert.Equal(23, note.Span.Line);
    }

    [Fact]
    public void Unknown_arrays_warn_and_malformed_entries_are_errors_with_positions()
    {
        var text = "basic_cpuid[0]=00000001 756e6547 6c65746e 49656e69\nfuture_fn99h[0]=1 2 3 4\nbasic_cpuid[1]=000306c3 zz 0 0\n";

        var result = LibcpuidDumpReader.Read(text, "bad.txt");

        Assert.False(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.UnknownArray);
        Assert.Equal("bad.txt:2:1", warning.Span.ToString());
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(FormatCodes.MalformedLine, error.Code);
        Assert.Equal("bad.txt:3:1", error.Span.ToString());
    }

    [Fact]
    public void Test_results_after_the_dashed_line_are_not_read()
    {
        var text = "basic_cpuid[0]=00000001 756e6547 6c65746e 49656e69\n" + new string('-', 80) + "\ngeneral=whatever\n";

        var result = LibcpuidDumpReader.Read(text, "t.txt");

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == FormatCodes.UnrecognizedLine);
    }

    public static TheoryData<string> LibcpuidDumps() =>
        [.. Samples.DumpFiles().Where(d => d == Samples.Missing || Samples.ReadDump(d).Contains("basic_cpuid[", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(LibcpuidDumps))]
    public void Corpus_dumps_keep_no_leaf_above_their_maximum(string dump)
    {
        var data = LibcpuidDumpReader.Read(Samples.ReadDump(dump), dump).Data!;

        var maxBasic = data[DataKey.Cpuid(0)].Eax;
        var maxExtended = data[DataKey.Cpuid(0x8000_0000)].Eax;
        Assert.All(data.Slots, s => Assert.True(s.Key.Leaf < 0x8000_0000 ? s.Key.Leaf <= maxBasic : s.Key.Leaf <= maxExtended, $"{s.Key} is padding"));
    }
}
