using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Tests.Support;
using Xunit;

namespace CpuCompat.Formats.Tests;

public sealed class CpuInputReaderTests
{
    [Fact]
    public void Forcing_another_format_warns_and_reads_with_the_forced_reader()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("cpuid-tool/this-machine-cpuid-r.txt"), "r.txt", InputFormat.Aida64, Samples.Engine);

        Assert.Equal(InputFormat.Aida64, input.Format);
        Assert.Contains(input.Diagnostics, d => d.Code == FormatCodes.FormatMismatch);
        Assert.Contains(input.Diagnostics, d => d.Code == FormatCodes.NoCpuidData);
        Assert.Equal("requested", input.FormatEvidence);
    }

    [Theory]
    [InlineData("", FormatCodes.EmptyInput)]
    [InlineData("  \n\t", FormatCodes.EmptyInput)]
    [InlineData("hello world\n", FormatCodes.UnknownFormat)]
    public void Unusable_input_is_one_error_at_the_start(string text, string code)
    {
        var input = CpuInputReader.Read(text, "x", InputFormat.Auto, Samples.Engine);

        var error = Assert.Single(input.Diagnostics);
        Assert.Equal(code, error.Code);
        Assert.Equal("x:1:1", error.Span.ToString());
        Assert.Null(input.Data);
        Assert.Empty(input.Cpus);
    }

    [Fact]
    public void Dump_caveats_become_notes()
    {
        var dump = "CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\nCPUID 00000001: 000306C3-00100800-FFFAFBFF-BFEBFBFF\n"
            + "CPUID 80000000: 80000008-00000000-00000000-00000000\nCPUID 80000001: 00000000-00000000-00000021-20100000\n";

        var input = CpuInputReader.Read(dump, "d.txt", InputFormat.Auto, Samples.Engine);

        Assert.Equal(2, input.Notes.Length);
        Assert.Contains(input.Notes, n => n.Contains("32-bit program", StringComparison.Ordinal));
        Assert.Contains(input.Notes, n => n.Contains("virtual machine", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("auto", InputFormat.Auto)]
    [InlineData("cpudata", InputFormat.Cpudata)]
    [InlineData("cpu", InputFormat.Cpu)]
    [InlineData("capabilities", InputFormat.Capabilities)]
    [InlineData("domain", InputFormat.Domain)]
    [InlineData("domcapabilities", InputFormat.DomCapabilities)]
    [InlineData("cpuid-tool", InputFormat.CpuidTool)]
    [InlineData("AIDA64", InputFormat.Aida64)]
    [InlineData("libcpuid", InputFormat.Libcpuid)]
    [InlineData("cpuinfo", InputFormat.Cpuinfo)]
    [InlineData("qmp", InputFormat.Qmp)]
    public void Format_names_round_trip(string name, InputFormat format)
    {
        Assert.True(InputFormats.TryParse(name, out var parsed));
        Assert.Equal(format, parsed);
        Assert.Equal(name.ToLowerInvariant(), parsed.NameOf());
        Assert.Contains(parsed.NameOf(), InputFormats.Names);
        Assert.False(InputFormats.TryParse("json", out _));
    }
}
