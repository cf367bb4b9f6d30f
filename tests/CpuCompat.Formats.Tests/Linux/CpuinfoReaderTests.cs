using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Convert;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Linux;
using CpuCompat.Formats.Tests.Support;
using Xunit;

namespace CpuCompat.Formats.Tests.Linux;

public sealed class CpuinfoReaderTests(ITestOutputHelper output)
{
    private static ArchDatabase X86 => Samples.Database.X86!;

    public static TheoryData<string> X86Samples() =>
        ["cpuinfo/this-machine-cpuinfo.txt", "cpuinfo/intel-xeon-gold-6148.txt", "cpuinfo/intel-core2-6300.txt", "cpuinfo/amd-epyc-7601.txt"];

    [Theory]
    [MemberData(nameof(X86Samples))]
    public void Sample_reads_decodes_and_reports_its_unmapped_flags(string fixture)
    {
        var input = CpuInputReader.Read(Samples.ReadFixture(fixture), fixture, InputFormat.Auto, Samples.Engine);

        Assert.Equal(InputFormat.Cpuinfo, input.Format);
        Assert.False(input.HasErrors, string.Join("\n", input.Diagnostics));
        var report = Assert.IsType<CpuinfoReport>(input.Cpuinfo);
        var host = Samples.Engine.DecodeHost(input.Data!);
        Assert.True(host.Succeeded, host.Error?.Message);
        output.WriteLine($"{fixture}: host {host.Value.Model}, {host.Value.Features.Length} extra features");
        output.WriteLine($"  unmapped: {string.Join(" ", report.UnmappedFlags.Select(f => f.Flag))}");
        output.WriteLine($"  derived: {string.Join(", ", report.DerivedFlags.Select(f => $"{f.Flag}->{f.Feature}"))}");
        foreach (var note in input.Notes)
        {
            output.WriteLine($"  note: {note}");
        }

        // Linux's own flags are always reported, each as an info at its place on the flags line.
        Assert.Contains(report.UnmappedFlags, f => f.Flag == "rep_good" && f.Kind == CpuinfoFlagKind.Synthetic);
        Assert.Contains(report.UnmappedFlags, f => f.Flag == "constant_tsc");
        Assert.All(input.Diagnostics.Where(d => d.Code == FormatCodes.UnmappedFlag), d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Contains(input.Notes, n => n.Contains("cpuinfo hides some CPUID bits", StringComparison.Ordinal));
        Assert.Contains("osxsave", report.HiddenFeatures);
    }

    [Fact]
    public void Vendor_signature_and_flags_become_cpuid_bits()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("cpuinfo/intel-xeon-gold-6148.txt"), "x.txt", InputFormat.Cpuinfo, Samples.Engine);

        var data = input.Data!;
        Assert.Equal(CpuidVendor.Encode("GenuineIntel") with { Eax = 22 }, data[DataKey.Cpuid(0)]);
        Assert.Equal(0x50654u, data[DataKey.Cpuid(1)].Eax);
        Assert.True(Samples.Engine.HasFeature(data, "sse4.2").Value, "sse4_2 is sse4.2");
        Assert.True(Samples.Engine.HasFeature(data, "pclmuldq").Value, "pclmulqdq is pclmuldq");
        Assert.True(Samples.Engine.HasFeature(data, "invtsc").Value, "nonstop_tsc is invtsc");
        Assert.True(Samples.Engine.HasFeature(data, "spec-ctrl").Value, "ibrs + ibpb on Intel are spec-ctrl");
        Assert.False(Samples.Engine.HasFeature(data, "osxsave").Value);
        Assert.False(Samples.Engine.HasFeature(data, "ibpb").Value, "Intel's ibpb flag is not AMD's CPUID bit");
        Assert.Contains(input.Cpuinfo!.DerivedFlags, f => f is { Flag: "stibp", Feature: "stibp" });
        Assert.Contains(input.Diagnostics, d => d.Code == FormatCodes.IgnoredCpuinfoLine && d.Message.Contains("'bugs'", StringComparison.Ordinal));
        Assert.Contains(input.Diagnostics, d => d.Code == FormatCodes.IgnoredCpuinfoLine && d.Message.Contains("'vmx flags'", StringComparison.Ordinal));
        Assert.Contains("cpu_meltdown", input.Cpuinfo.Bugs);
    }

    [Fact]
    public void Intel_vmx_capability_names_are_not_the_AMD_bits_of_the_same_name()
    {
        var report = CpuinfoReader.Read(Samples.ReadFixture("cpuinfo/intel-xeon-gold-6148.txt"), "x.txt", X86).Report;

        Assert.Contains(report.Flags, f => f is { Flag: "vnmi", Kind: CpuinfoFlagKind.Synthetic });
        Assert.Contains(report.Flags, f => f is { Flag: "ept", Kind: CpuinfoFlagKind.Synthetic });
    }

    [Fact]
    public void Amd_speculation_flags_map_to_the_AMD_bits_and_ssbd_of_zen1_comes_from_an_msr()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("cpuinfo/amd-epyc-7601.txt"), "a.txt", InputFormat.Auto, Samples.Engine);

        Assert.True(Samples.Engine.HasFeature(input.Data!, "ibpb").Value);
        Assert.False(Samples.Engine.HasFeature(input.Data!, "amd-ssbd").Value);
        Assert.Contains(input.Cpuinfo!.Flags, f => f is { Flag: "ssbd", Kind: CpuinfoFlagKind.Synthetic });
        Assert.Contains(input.Cpuinfo.Flags, f => f is { Flag: "overflow_recov", Feature: "overflow-recov" });
    }

    [Fact]
    public void The_flag_position_is_the_column_of_the_flag()
    {
        var text = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 15\nflags\t\t: fpu rep_good sse\n";

        var input = CpuInputReader.Read(text, "c.txt", InputFormat.Auto, Samples.Engine);

        var info = Assert.Single(input.Diagnostics, d => d.Code == FormatCodes.UnmappedFlag);
        Assert.Equal("c.txt:5:14", info.Span.ToString());
    }

    [Theory]
    [InlineData("vendor_id\t:   Shanghai  ", "  Shanghai  ")]
    [InlineData("vendor_id\t: GenuineIntel   ", "GenuineIntel")]
    public void Vendor_strings_keep_their_padding_and_lose_added_spaces(string line, string expected)
    {
        var data = CpuInputReader.Read($"processor\t: 0\n{line}\ncpu family\t: 6\nflags\t: fpu\n", "v.txt", InputFormat.Auto, Samples.Engine).Data!;

        Assert.Equal(CpuidVendor.Encode(expected), data[DataKey.Cpuid(0)]);
    }

    [Fact]
    public void A_vendor_string_of_the_wrong_length_is_a_warning()
    {
        var input = CpuInputReader.Read("processor\t: 0\nvendor_id\t: Shanghai\ncpu family\t: 7\nflags\t: fpu\n", "v.txt", InputFormat.Auto, Samples.Engine);

        Assert.Equal("v.txt:2:13", Assert.Single(input.Diagnostics, d => d.Code == FormatCodes.UnknownVendorString).Span.ToString());
        Assert.True(input.Data![DataKey.Cpuid(0)].IsZero);
    }

    [Fact]
    public void Cpuinfo_of_another_architecture_is_an_error()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("cpuinfo/arm64-not-x86.txt"), "arm.txt", InputFormat.Auto, Samples.Engine);

        Assert.Equal(InputFormat.Cpuinfo, input.Format);
        Assert.Equal(FormatCodes.NoProcessorBlock, Assert.Single(input.Diagnostics, d => d.IsError).Code);
        Assert.Null(input.Data);
    }

    [Fact]
    public void Bad_numbers_are_errors_at_the_value()
    {
        var input = CpuInputReader.Read("vendor_id\t: GenuineIntel\ncpu family\t: six\nflags\t: fpu\n", "n.txt", InputFormat.Cpuinfo, Samples.Engine);

        var error = Assert.Single(input.Diagnostics, d => d.IsError);
        Assert.Equal(FormatCodes.InvalidCpuinfoNumber, error.Code);
        Assert.Equal("n.txt:2:14", error.Span.ToString());
    }

    [Fact]
    public void This_machine_decodes_the_same_from_cpuinfo_as_from_cpuid_r_or_says_why_not()
    {
        var fromCpuinfo = CpuInputReader.Read(Samples.ReadFixture("cpuinfo/this-machine-cpuinfo.txt"), "cpuinfo", InputFormat.Auto, Samples.Engine);
        var fromCpuid = CpuInputReader.Read(Samples.ReadFixture("cpuid-tool/this-machine-cpuid-r.txt"), "cpuid -r", InputFormat.Auto, Samples.Engine);

        var a = Samples.Engine.DecodeHost(fromCpuinfo.Data!).Value;
        var b = Samples.Engine.DecodeHost(fromCpuid.Data!).Value;
        var onlyCpuid = b.Features.Select(f => f.Name).Except(a.Features.Select(f => f.Name)).ToList();
        var onlyCpuinfo = a.Features.Select(f => f.Name).Except(b.Features.Select(f => f.Name)).ToList();
        output.WriteLine($"cpuid -r: {b.Model}; cpuinfo: {a.Model}");
        output.WriteLine($"only from cpuid -r: {string.Join(" ", onlyCpuid)}");
        output.WriteLine($"only from cpuinfo: {string.Join(" ", onlyCpuinfo)}");

        // Both describe the same CPU: same model, and cpuinfo never invents a bit the CPUID data lacks.
        Assert.Equal(b.Model, a.Model);
        Assert.Empty(onlyCpuinfo);
        Assert.All(onlyCpuid, f => Assert.Contains(f, fromCpuinfo.Cpuinfo!.HiddenFeatures.Concat(["osxsave", "cmp_legacy", "hypervisor", "pdpe1gb"])));
    }
}
