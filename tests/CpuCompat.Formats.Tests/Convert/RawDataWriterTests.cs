using CpuCompat.Formats.Convert;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.Libvirt.CpuData;
using Xunit;

namespace CpuCompat.Formats.Tests.Convert;

/// <summary><c>cpucompat convert</c>'s raw outputs: every dump written as <c>cpuid -r</c> text or <c>&lt;cpudata&gt;</c> reads back to the same data.</summary>
public sealed class RawDataWriterTests
{
    public static TheoryData<string> Dumps() => [.. Samples.DumpFiles()];

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Dump_written_as_cpuid_tool_text_reads_back_identically(string dump)
    {
        var data = CpuInputReader.Read(Samples.ReadDump(dump), dump, InputFormat.Auto, Samples.Engine).Data!;

        var text = RawDataWriter.Write(data, OutputFormat.CpuidTool);
        var back = CpuInputReader.Read(text, "converted.txt", InputFormat.Auto, Samples.Engine);

        Assert.Equal(InputFormat.CpuidTool, back.Format);
        Assert.Equal(data.Slots, back.Data!.Slots);
    }

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Dump_written_as_cpudata_reads_back_with_the_same_non_zero_slots(string dump)
    {
        var data = CpuInputReader.Read(Samples.ReadDump(dump), dump, InputFormat.Auto, Samples.Engine).Data!;

        var xml = RawDataWriter.Write(data, OutputFormat.Cpudata);
        var back = CpuInputReader.Read(xml, "converted.xml", InputFormat.Auto, Samples.Engine);

        Assert.Equal(InputFormat.Cpudata, back.Format);
        Assert.Equal(data.Slots.Where(s => !s.Registers.IsZero), back.Data!.Slots);
        Assert.Equal(xml, CpuDataXmlWriter.Format(back.Data));
    }

    [Theory]
    [InlineData("cpudata", OutputFormat.Cpudata)]
    [InlineData("CPUID-TOOL", OutputFormat.CpuidTool)]
    public void Output_format_names_parse(string name, OutputFormat expected)
    {
        Assert.True(RawDataWriter.TryParse(name, out var format));
        Assert.Equal(expected, format);
        Assert.False(RawDataWriter.TryParse("host", out _));
    }
}
