using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Dumps;
using Xunit;

namespace CpuCompat.Formats.Tests.Dumps;

public sealed class Aida64DumpReaderTests
{
    [Theory]
    [InlineData("------[ Logical CPU #0 ]------", "------[ Logical CPU #1 ]------")]
    [InlineData("------[ CPUID Registers / Logical CPU #0 ]------", "------[ CPUID Registers / Logical CPU #1 ]------")]
    [InlineData("CPUID Registers (CPU #1):", "CPUID Registers (CPU #2):")]
    [InlineData("CPU#000 AffMask: 0x0000000000000001", "CPU#001 AffMask: 0x0000000000000002")]
    public void Only_the_first_logical_cpu_section_is_read(string first, string second)
    {
        var text = $"{first}\nCPUID 00000000: 0000000D-756E6547-6C65746E-49656E69 [GenuineIntel]\nCPUID 00000001: 000306C3-00100800-7FFAFBFF-BFEBFBFF\n\n"
            + $"{second}\nCPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\nCPUID 00000001: 000306C3-01100800-7FFAFBFF-BFEBFBFF\n";

        var result = Aida64DumpReader.Read(text, "t.txt");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(0x00100800u, result.Data[DataKey.Cpuid(1)].Ebx);
        Assert.Equal(5, Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.OtherCpusIgnored).Span.Line);
    }

    [Fact]
    public void Two_headers_of_the_same_cpu_open_one_section()
    {
        var text = "------[ CPUID Registers / Logical CPU #0 ]------\n\nCPU#000 AffMask: 0x0000000000000001\nCPUID 00000000: 00000001-68747541-444D4163-69746E65\n";

        var result = Aida64DumpReader.Read(text, "t.txt");

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == FormatCodes.OtherCpusIgnored);
    }

    [Fact]
    public void A_second_leaf_0_without_header_starts_another_cpu()
    {
        var text = "CPUID 00000000: 00000001-68747541-444D4163-69746E65\nCPUID 00000001: 00100F42-00030800-00802009-178BFBFF\nCPUID 00000000: 00000001-68747541-444D4163-69746E65\n";

        var result = Aida64DumpReader.Read(text, "t.txt");

        Assert.Equal(3, Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.OtherCpusIgnored).Span.Line);
    }

    [Theory]
    [InlineData("CPUID 00000004: 1C004121-01C0003F-0000003F-00000000 [SL 01]")]
    [InlineData("CPUID 00000004  \t1C004121-01C0003F-0000003F-00000000")]
    [InlineData("CPUID 00000004 1C004121-01C0003F-0000003F-00000000")]
    [InlineData("CPUID 00000004: 1c004121-01c0003f-0000003f-00000000 [L1D: 32 KB]")]
    public void Every_register_line_spelling_is_read(string line)
    {
        var result = Aida64DumpReader.Read("CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\n" + line + "\n", "t.txt");

        Assert.True(result.Succeeded);
        var slot = Assert.Single(result.Data.Slots, s => s.Key.Leaf == 4);
        Assert.Equal(0x1C004121u, slot.Registers.Eax);
        Assert.Equal(line.Contains("[SL 01]", StringComparison.Ordinal) ? 1u : 0u, slot.Key.Subleaf);
    }

    [Fact]
    public void A_damaged_register_line_is_an_error_at_its_position()
    {
        var text = "CPU#000 AffMask: 0x1\nCPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\n  CPUID 00000001: 000306C3-0010080-7FFAFBFF-BFEBFBFF\n";

        var result = Aida64DumpReader.Read(text, "bad.txt");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("bad.txt:3:3", error.Span.ToString());
        Assert.Equal(FormatCodes.MalformedLine, error.Code);
    }

    [Fact]
    public void Repeated_leaves_without_notes_get_inferred_subleaves_and_an_info()
    {
        var text = "CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\nCPUID 0000000D: 00000007-00000340-00000340-00000000\nCPUID 0000000D: 00000100-00000240-00000000-00000000\n";

        var result = Aida64DumpReader.Read(text, "t.txt");

        Assert.Equal(0x100u, result.Data![DataKey.Cpuid(0xD, 2)].Eax);
        Assert.True(result.Data[DataKey.Cpuid(0xD, 1)].IsZero);
        var info = Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.SubleavesInferred);
        Assert.Equal(2, info.Span.Line);
        Assert.Contains("0x0, 0x2", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicting_repeats_of_a_noted_subleaf_keep_the_first_and_warn()
    {
        var text = "CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\nCPUID 00000007: 00000000-00000001-00000000-00000000 [SL 00]\nCPUID 00000007: 00000000-00000002-00000000-00000000 [SL 00]\n";

        var result = Aida64DumpReader.Read(text, "t.txt");

        Assert.Equal(1u, result.Data![DataKey.Cpuid(7)].Ebx);
        Assert.Equal(3, Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.ConflictingDuplicate).Span.Line);
    }

    [Fact]
    public void A_file_without_register_lines_is_an_error()
    {
        var result = Aida64DumpReader.Read("------[ Logical CPU #0 ]------\nnothing here\n", "empty.txt");

        Assert.Equal(FormatCodes.NoCpuidData, Assert.Single(result.Diagnostics, d => d.IsError).Code);
    }
}
