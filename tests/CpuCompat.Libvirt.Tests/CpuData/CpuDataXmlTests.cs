using System.Globalization;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.CpuData;
using Xunit;

namespace CpuCompat.Libvirt.Tests.CpuData;

public sealed class CpuDataXmlTests
{
    private static readonly string[] DecodedSuffixes = ["-host.xml", "-guest.xml", "-json.xml", "-enabled.xml", "-disabled.xml"];

    public static TheoryData<string, string> Dumps()
    {
        var data = new TheoryData<string, string>();
        foreach (var (version, file) in LibvirtTestFiles.Files(f =>
            f.StartsWith("x86_64-cpuid-", StringComparison.Ordinal) && f.EndsWith(".xml", StringComparison.Ordinal)
            && !f.StartsWith("x86_64-cpuid-baseline-", StringComparison.Ordinal) && !DecodedSuffixes.Any(s => f.EndsWith(s, StringComparison.Ordinal))))
        {
            data.Add(version, file);
        }

        return data;
    }

    public static TheoryData<string, string> QemuData()
    {
        var data = new TheoryData<string, string>();
        foreach (var (version, file) in LibvirtTestFiles.Files(f => f.EndsWith("-enabled.xml", StringComparison.Ordinal) || f.EndsWith("-disabled.xml", StringComparison.Ordinal)))
        {
            data.Add(version, file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Raw_dumps_read_without_problems_and_carry_the_signature_of_their_sig_file(string version, string file)
    {
        var text = LibvirtTestFiles.Read(version, file);

        var result = CpuDataXmlReader.Read(text, file);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal("x86_64", result.Arch);
        Assert.False(result.Data[DataKey.Cpuid(0)].IsZero);
        var sig = Path.ChangeExtension(TestSupport.SharedData.TestDataFile(version, file), ".sig");
        if (File.Exists(sig))
        {
            // The .sig file's first line is leaf 1 EAX decoded to family/model/stepping and encoded again.
            var eax = CpuSignature.FromEax(result.Data[DataKey.Cpuid(1)].Eax).ToEax();
            Assert.Equal(File.ReadLines(sig).First(), eax.ToString("x6", CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Writing_and_reading_again_gives_the_same_data(string version, string file)
    {
        var first = CpuDataXmlReader.Read(LibvirtTestFiles.Read(version, file), file);
        Assert.True(first.Succeeded);

        var written = CpuDataXmlWriter.Format(first.Data);
        var second = CpuDataXmlReader.Read(written, "written.xml");

        Assert.True(second.Succeeded, string.Join("\n", second.Diagnostics));
        Assert.Equal(first.Data.Slots.Where(s => !s.Registers.IsZero), second.Data.Slots);
        Assert.Equal(written, CpuDataXmlWriter.Format(second.Data));
    }

    [Theory]
    [MemberData(nameof(QemuData))]
    public void Enabled_and_disabled_feature_data_read_without_problems(string version, string file)
    {
        var result = CpuDataXmlReader.Read(LibvirtTestFiles.Read(version, file), file);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Writer_prints_libvirts_format_for_non_zero_slots_only()
    {
        var data = Core.Cpu.CpuData.From(
        [
            new DataSlot(DataKey.Msr(0x10a), new Registers(0x6b, 0, 0, 0)),
            new DataSlot(DataKey.Cpuid(7), new Registers(0, 0x9c2fbf, 0, 0)),
            new DataSlot(DataKey.Cpuid(2), Registers.Zero),
            new DataSlot(DataKey.Cpuid(0xd, 1), new Registers(1, 2, 3, 4)),
        ]);

        Assert.Equal(
            "<cpudata arch='x86'>\n"
            + "  <cpuid eax_in='0x00000007' ecx_in='0x00000000' eax='0x00000000' ebx='0x009c2fbf' ecx='0x00000000' edx='0x00000000'/>\n"
            + "  <cpuid eax_in='0x0000000d' ecx_in='0x00000001' eax='0x00000001' ebx='0x00000002' ecx='0x00000003' edx='0x00000004'/>\n"
            + "  <msr index='0x10a' eax='0x0000006b' edx='0x00000000'/>\n"
            + "</cpudata>\n",
            CpuDataXmlWriter.Format(data));
    }

    [Fact]
    public void Items_with_the_same_key_are_merged_aliases_skipped_and_other_names_read_as_msrs()
    {
        const string text = """
            <cpudata arch='x86'>
              <cpuid eax_in='1' edx='0x1'/>
              <alias name='whatever'/>
              <cpuid eax_in='0x01' ecx_in='0' edx='0x4' ecx='010'/>
              <register index='0x10a' eax='1' edx='2'/>
            </cpudata>
            """;

        var result = CpuDataXmlReader.Read(text, "t.xml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(new Registers(0, 0, 8, 5), result.Data[DataKey.Cpuid(1)]);
        Assert.Equal(new Registers(1, 0, 0, 2), result.Data[DataKey.Msr(0x10a)]);
    }

    [Theory]
    [InlineData("<cpu arch='x86'/>", LibvirtCodes.UnexpectedRoot, 1, 1)]
    [InlineData("<cpudata>\n  <cpuid eax_in='1'/>\n</cpudata>", LibvirtCodes.MissingAttribute, 1, 1)]
    [InlineData("<cpudata arch='ppc64'>\n  <cpuid eax_in='1'/>\n</cpudata>", LibvirtCodes.UnsupportedDataArch, 1, 10)]
    [InlineData("<cpudata arch='x86'>\n</cpudata>", LibvirtCodes.NoCpuData, 1, 1)]
    [InlineData("<cpudata arch='x86'>\n  <cpuid ecx_in='1'/>\n</cpudata>", LibvirtCodes.MissingAttribute, 2, 3)]
    [InlineData("<cpudata arch='x86'>\n  <cpuid eax_in='1' edx='0xZZ'/>\n</cpudata>", LibvirtCodes.InvalidNumber, 2, 21)]
    [InlineData("<cpudata arch='x86'>\n  <cpuid eax_in='0x100000000'/>\n</cpudata>", LibvirtCodes.InvalidNumber, 2, 10)]
    [InlineData("<cpudata arch='x86'>\n  <msr index='0x10a' eax='1'/>\n</cpudata>", LibvirtCodes.MissingAttribute, 2, 3)]
    [InlineData("<cpudata arch='x86'>\n  <cpuid eax_in='1'>\n</cpudata>", LibvirtCodes.MalformedXml, 3, 3)]
    public void Malformed_data_is_reported_with_its_location(string text, string code, int line, int column)
    {
        var result = CpuDataXmlReader.Read(text, "bad.xml");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(code, error.Code);
        Assert.Equal(("bad.xml", line, column), (error.Span.File, error.Span.Line, error.Span.Column));
        Assert.EndsWith(".", error.Message);
    }
}
