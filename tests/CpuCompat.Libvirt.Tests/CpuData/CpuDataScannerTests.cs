using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace CpuCompat.Libvirt.Tests.CpuData;

/// <summary>
/// The <c>&lt;cpudata&gt;</c> scanner against the full reader: on every real document it answers, with the full
/// reader's data; on anything else it declines, and the reader's answer (data, diagnostics and all) is the full
/// reader's.
/// </summary>
public sealed class CpuDataScannerTests
{
    private const string Plain = "<cpudata arch='x86'>\n"
        + "  <cpuid eax_in='0x00000001' ecx_in='0x00' eax='0x000306c3' ebx='0x02100800' ecx='0x7ffafbff' edx='0xbfebfbff'/>\n"
        + "  <msr index='0x10a' edx='0x00000000' eax='0x0000006b'/>\n"
        + "</cpudata>\n";

    public static TheoryData<string, string> CpuDataFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (version, file) in LibvirtTestFiles.Files(IsCpuData))
        {
            data.Add(version, file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CpuDataFiles))]
    public void Every_real_cpudata_file_is_scanned_to_the_full_readers_data(string version, string file)
    {
        var text = LibvirtTestFiles.Read(version, file);

        var scanned = CpuDataScanner.TryScan(text);
        var full = CpuDataXmlReader.ReadDocument(text, file);

        Assert.True(full.Succeeded, string.Join("\n", full.Diagnostics));
        Assert.NotNull(scanned);
        Assert.Equal(full.Data.Slots, scanned.Slots);
        AssertSame(full, CpuDataXmlReader.Read(text, file));

        // Spelled otherwise (tabs between attributes, double quotes), no item is in the written form, so every
        // item goes through the general path: the same data again.
        var respelled = text.Replace("' ", "'\t", StringComparison.Ordinal).Replace('\'', '"');
        Assert.Equal(full.Data.Slots, CpuDataScanner.TryScan(respelled)?.Slots);
    }

    [Theory]
    [InlineData("<cpudata arch=\"x86\"><cpuid eax_in=\"1\" edx=\"0x4\"/></cpudata>")]
    [InlineData("\r\n<!-- a comment --> <!----><cpudata\tarch = 'x86' >\r\n<cpuid\neax_in\n=\n'1'   ecx='010' />\n</cpudata\n>\n<!-- - after - -->\n")]
    [InlineData("<cpudata arch='x86'><!-- inside --><cpuid eax_in='1' edx='1'/><cpuid eax_in='+1' edx='2'/><cpuid eax_in='0' ecx_in='0'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='7' ecx_in='1' eax='1'/><cpuid eax_in='7' eax='2'/><msr index='16' eax='0' edx='0XFF'/></cpudata>")]
    public void Plain_variants_are_scanned_to_the_full_readers_data(string text)
    {
        var scanned = CpuDataScanner.TryScan(text);
        var full = CpuDataXmlReader.ReadDocument(text, "t.xml");

        Assert.True(full.Succeeded, string.Join("\n", full.Diagnostics));
        Assert.NotNull(scanned);
        Assert.Equal(full.Data.Slots, scanned.Slots);
    }

    [Theory]
    [InlineData("<?xml version='1.0'?>\n" + Plain)]
    [InlineData("<!DOCTYPE cpudata>\n" + Plain)]
    [InlineData("\uFEFF" + Plain)]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='&#49;'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1' edx='&amp;'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><![CDATA[x]]><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><?pi x?><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'>text<cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1' eax_in='2'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1' foo='2'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1' index='2'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1'></cpuid></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1'ecx_in='2'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1' / ></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in=' 1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1\"/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='0x'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='0x100000000'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='08'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid ecx_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><msr index='1' eax='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><register index='1' eax='1' edx='0'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><alias name='x'/><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuidx eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><CPUID eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'><x:cpuid xmlns:x='u' eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86' xmlns='urn:x'><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86' other='1'><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86_64'><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='ppc64'><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata><cpuid eax_in='1'/></cpudata>")]
    [InlineData("<cpudata arch='x86'>\n</cpudata>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1'/>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1'/></cpudata><cpudata arch='x86'/>")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1'/></cpudata>trailing")]
    [InlineData("<cpudata arch='x86'><cpuid eax_in='1'/></cpudatax>")]
    [InlineData("<!-- a -- b -->" + Plain)]
    [InlineData("<!-- a --->" + Plain)]
    [InlineData("<!-- \u0001 -->" + Plain)]
    [InlineData("<!-- unterminated" + Plain)]
    [InlineData("<cpu arch='x86'/>")]
    [InlineData("")]
    public void Anything_else_is_declined_and_read_by_the_full_reader(string text)
    {
        Assert.Null(CpuDataScanner.TryScan(text));
        AssertSame(CpuDataXmlReader.ReadDocument(text, "t.xml"), CpuDataXmlReader.Read(text, "t.xml"));
    }

    [Fact]
    public void Long_runs_are_left_to_the_full_reader_and_its_limits()
    {
        var spaces = new string(' ', CpuDataScanner.MaxRun + 1);
        var comment = $"<!--{new string('x', CpuDataScanner.MaxRun + 1)}-->";
        var items = string.Concat(Enumerable.Repeat("<cpuid eax_in='1'/>", CpuDataScanner.MaxItems + 1));

        Assert.Null(CpuDataScanner.TryScan(Plain.Replace("\n  <msr", spaces + "<msr", StringComparison.Ordinal)));
        Assert.Null(CpuDataScanner.TryScan(comment + Plain));
        Assert.Null(CpuDataScanner.TryScan($"<cpudata arch='x86'>{items}</cpudata>"));
        Assert.NotNull(CpuDataScanner.TryScan(new string(' ', CpuDataScanner.MaxRun) + Plain));
    }

    [Fact]
    public void Damaged_samples_are_either_scanned_as_the_full_reader_reads_them_or_declined()
    {
        // Deterministic sweep over every kind of damage at many places: both outcomes must occur, or the
        // comparison says nothing.
        var (scanned, declined) = (0, 0);
        foreach (var sample in Samples.Value)
        {
            foreach (var kind in Enum.GetValues<MutationKind>())
            {
                for (var position = 0; position < 4000; position += 97)
                {
                    var text = Mutators.Apply(sample, new Mutation(kind, position, 1 + (position % 7), Mutators.Interesting[position % Mutators.Interesting.Length]));
                    if (Agree(text))
                    {
                        scanned++;
                    }
                    else
                    {
                        declined++;
                    }
                }
            }
        }

        Assert.True(scanned > 100 && declined > 100, $"scanned {scanned}, declined {declined}");
    }

    [Property(MaxTest = 500)]
    public Property Mutated_samples_are_either_scanned_as_the_full_reader_reads_them_or_declined() =>
        Prop.ForAll(Mutators.OnSamples(Samples.Value.Length).ToArbitrary(), m => { Agree(Mutators.Apply(Samples.Value[m.Sample], m.Mutation)); });

    [Property(MaxTest = 300)]
    public Property Twice_mutated_samples_are_either_scanned_as_the_full_reader_reads_them_or_declined() =>
        Prop.ForAll(
            Mutators.OnSamples(Samples.Value.Length).ToArbitrary(),
            Mutators.Any.ToArbitrary(),
            (m, second) => { Agree(Mutators.Apply(Mutators.Apply(Samples.Value[m.Sample], m.Mutation), second)); });

    /// <summary>
    /// Whether the scanner answered; when it did, the full reader read the same data without a word. Either way the
    /// reader's result is the full reader's.
    /// </summary>
    private static bool Agree(string text)
    {
        var full = CpuDataXmlReader.ReadDocument(text, "t.xml");
        AssertSame(full, CpuDataXmlReader.Read(text, "t.xml"));
        if (CpuDataScanner.TryScan(text) is not { } scanned)
        {
            return false;
        }

        Assert.True(full.Succeeded && full.Diagnostics.IsEmpty, $"scanned, but the full reader says: {string.Join("\n", full.Diagnostics)}\n{text}");
        Assert.Equal(full.Data.Slots, scanned.Slots);
        return true;
    }

    private static void AssertSame(CpuDataReadResult expected, CpuDataReadResult actual)
    {
        Assert.Equal(expected.Arch, actual.Arch);
        Assert.Equal(expected.Diagnostics, actual.Diagnostics);
        Assert.Equal(expected.Data?.Slots, actual.Data?.Slots);
    }

    /// <summary>libvirt's <c>&lt;cpudata&gt;</c> files: the raw dumps and QEMU's enabled/disabled data, not the CPUs decoded from them.</summary>
    private static bool IsCpuData(string file) =>
        file.StartsWith("x86_64-cpuid-", StringComparison.Ordinal) && file.EndsWith(".xml", StringComparison.Ordinal)
        && !file.StartsWith("x86_64-cpuid-baseline-", StringComparison.Ordinal)
        && !file.EndsWith("-host.xml", StringComparison.Ordinal) && !file.EndsWith("-guest.xml", StringComparison.Ordinal)
        && !file.EndsWith("-json.xml", StringComparison.Ordinal);

    private static readonly Lazy<string[]> Samples = new(() =>
    {
        var samples = new List<string> { Plain, "<!-- CPU -->\n" + Plain };
        foreach (var (version, file) in LibvirtTestFiles.Files(IsCpuData))
        {
            if (file != LibvirtTestFiles.Missing)
            {
                samples.Add(LibvirtTestFiles.Read(version, file));
            }
        }

        return [.. samples];
    });
}
