using System.Diagnostics;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Convert;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Dumps;
using CpuCompat.Formats.Tests.Support;
using Xunit;

namespace CpuCompat.Formats.Tests.Dumps;

public sealed class CpuidToolReaderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cpuid-tool/this-machine-cpuid-r.txt")]
    [InlineData("cpuid-tool/this-machine-cpuid-r-1.txt")]
    public void Committed_samples_read_with_their_subleaves(string fixture)
    {
        var result = CpuidToolReader.Read(Samples.ReadFixture(fixture), fixture);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var data = result.Data;
        Assert.Equal(CpuidVendor.Encode("AuthenticAMD") with { Eax = 0x1C }, data[DataKey.Cpuid(0)]);
        Assert.Equal(0x00A10F11u, data[DataKey.Cpuid(1)].Eax);
        Assert.Equal(0x20u, data[DataKey.Cpuid(7, 1)].Eax);
        Assert.Equal(0x18u, data[DataKey.Cpuid(0xD, 0xC)].Eax);
        Assert.Equal(0x00004163u, data[DataKey.Cpuid(0x8000_001D, 3)].Eax);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Core.Diagnostics.DiagnosticSeverity.Info);
    }

    [Fact]
    public void Only_the_first_cpu_of_cpuid_r_is_read()
    {
        var result = CpuidToolReader.Read(Samples.ReadFixture("cpuid-tool/this-machine-cpuid-r.txt"), "r.txt");

        // CPU 0 has APIC id 0 in leaf 1 EBX[31:24]; CPU 1, after the second header, has 1.
        Assert.Equal(0u, result.Data![DataKey.Cpuid(1)].Ebx >> 24);
        Assert.Single(result.Diagnostics, d => d.Code == FormatCodes.OtherCpusIgnored);
    }

    [Fact]
    public void Live_cpuid_r_output_is_read_and_decodes_like_the_committed_sample()
    {
        var live = RunCpuidTool();

        var result = CpuidToolReader.Read(live, "cpuid -r");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var host = Samples.Engine.DecodeHost(result.Data);
        output.WriteLine(host.Succeeded ? $"this machine: {host.Value.Model} ({host.Value.Features.Length} extra features)" : host.Error.Message);
        Assert.True(host.Succeeded || host.Error.Message == "cannot find suitable CPU model for given data");
    }

    [Fact]
    public void Msr_lines_and_zero_slots_survive_writing_and_reading_back()
    {
        var data = Core.Cpu.CpuData.From(
        [
            new(DataKey.Cpuid(0), CpuidVendor.Encode("GenuineIntel") with { Eax = 0xD }),
            new(DataKey.Cpuid(0xD, 0x3E), new Registers(0x80, 0x340, 0, 0)),
            new(DataKey.Cpuid(0x8000_0005), Registers.Zero),
            new(DataKey.Msr(0x10A), new Registers(0x6B, 0, 0, 0x1)),
        ]);

        var text = CpuidToolWriter.Format(data);
        var back = CpuidToolReader.Read(text, "w.txt");

        Assert.Contains("   0x0000000d 0x3e: eax=0x00000080 ebx=0x00000340 ecx=0x00000000 edx=0x00000000\n", text, StringComparison.Ordinal);
        Assert.Contains("   msr 0x0000010a: eax=0x0000006b edx=0x00000001\n", text, StringComparison.Ordinal);
        Assert.Equal(data.Slots, back.Data!.Slots);
    }

    [Fact]
    public void A_damaged_register_line_is_an_error_at_its_position()
    {
        var result = CpuidToolReader.Read("CPU 0:\n   0x00000000 0x00: eax=0x0000001c ebx=0x68747541 ecx=0x444d4163\n", "bad.txt");

        Assert.Equal("bad.txt:2:4", Assert.Single(result.Diagnostics, d => d.IsError).Span.ToString());
    }

    /// <summary>The live <c>cpuid -r</c> output; skips when the tool is not installed (Debian package <c>cpuid</c>).</summary>
    private static string RunCpuidTool()
    {
        var tool = new[] { "/usr/bin/cpuid", "/usr/local/bin/cpuid" }.FirstOrDefault(File.Exists);
        if (tool is null || !OperatingSystem.IsLinux())
        {
            Assert.Skip("the cpuid tool is not installed (apt-get install cpuid).");
        }

        using var process = Process.Start(new ProcessStartInfo(tool!, "-r") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || text.Length == 0)
        {
            Assert.Skip($"cpuid -r exited with {process.ExitCode} (no CPUID access here).");
        }

        return text;
    }
}
