using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Xml;

/// <summary>
/// Every <c>&lt;cpu&gt;</c> in libvirt's test data, read and formatted again. Expected-output files must come back byte
/// for byte; input files may differ only in what libvirt's formatter normalises (see <see cref="CpuXmlCanonical"/>).
/// </summary>
public sealed class CpuXmlRoundTripTests
{
    public static TheoryData<string, string> CpuFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (version, file) in LibvirtTestFiles.Files(f => f.EndsWith(".xml", StringComparison.Ordinal)))
        {
            if (file == LibvirtTestFiles.Missing || LibvirtTestFiles.RootOf(version, file) is "cpu" or "cpuTest")
            {
                data.Add(version, file);
            }
        }

        return data;
    }

    /// <summary>
    /// A host CPU read from a file has no mode and libvirt then prints neither model nor vendor; the CPUs libvirt
    /// prints (decode results) have mode custom, which is what the expected files show.
    /// </summary>
    internal static CpuDefinition AsPrinted(CpuDefinition cpu) => cpu.Type == CpuType.Host ? cpu with { Mode = CpuMode.Custom } : cpu;

    [Theory]
    [MemberData(nameof(CpuFiles))]
    public void Cpu_files_format_back_to_their_text_or_to_its_normal_form(string version, string file)
    {
        var text = LibvirtTestFiles.Read(version, file);
        var generation = LibvirtTestFiles.GenerationOf(version);
        var root = XDocument.Parse(text).Root!;
        var read = CpuXmlReader.ReadDocument(text, file, generation);
        Assert.True(read.Succeeded, read.Error?.ToString());
        var cpuElements = root.Name.LocalName == "cpuTest" ? root.Elements("cpu").ToList() : [root];
        Assert.Equal(cpuElements.Count, read.Cpus.Length);

        for (var i = 0; i < cpuElements.Count; i++)
        {
            var cpu = AsPrinted(read.Cpus[i]);
            var output = CpuXmlWriter.Format(cpu, generation);
            if (LibvirtTestFiles.ExpectedOutputs(version).Contains(file))
            {
                Assert.Equal(text, output);
                continue;
            }

            var host = cpu.Type == CpuType.Host;
            var is11 = generation == LibvirtGeneration.Libvirt11;
            var printed = output.Length == 0 ? new XElement("cpu") : XElement.Parse(output);
            Assert.Equal(CpuXmlCanonical.Of(cpuElements[i], host, is11), CpuXmlCanonical.Of(printed, host, is11));

            // Formatting is a fixed point: what was printed reads back to the same text.
            if (output.Length > 0)
            {
                var again = CpuXmlReader.Read(output, file, host ? CpuXmlType.Host : CpuXmlType.Guest, generation);
                Assert.True(again.Succeeded, again.Error?.ToString());
                Assert.Equal(output, CpuXmlWriter.Format(AsPrinted(again.Cpu), generation));
            }
        }
    }

    [Fact]
    public void Every_expected_output_file_is_a_cpu_and_round_trips_exactly()
    {
        var count = 0;
        foreach (var version in TestSupport.SharedData.LibvirtVersions)
        {
            var generation = LibvirtTestFiles.GenerationOf(version);
            foreach (var file in LibvirtTestFiles.ExpectedOutputs(version).Where(f => f.EndsWith(".xml", StringComparison.Ordinal)))
            {
                var text = LibvirtTestFiles.Read(version, file);
                var read = CpuXmlReader.Read(text, file, CpuXmlType.Auto, generation);
                Assert.True(read.Succeeded, $"{version}/{file}: {read.Error}");
                Assert.Equal(text, CpuXmlWriter.Format(AsPrinted(read.Cpu), generation));
                count++;
            }
        }

        // 9.0.0 and 11.3.0 pin down 360 formatted CPUs between them.
        Assert.True(count >= 360, $"only {count} expected outputs found");
    }

    public static TheoryData<string, string, string> NormalisedInputs => new()
    {
        // <topology> without dies: dies (and in 11.x clusters) default to 1 and are always printed.
        { "9.0.0", "x86_64-host.xml", "  <topology sockets='2' dies='1' cores='4' threads='1'/>\n" },
        { "11.3.0", "x86_64-host.xml", "  <topology sockets='2' dies='1' clusters='1' cores='4' threads='1'/>\n" },

        // Comments are not kept; mode, match and fallback get their defaults; policy is printed before name.
        { "11.3.0", "x86_64-guest.xml", "<cpu mode='custom' match='exact'>\n  <model fallback='allow'>Penryn</model>\n" },
        { "11.3.0", "aarch64-guest.xml", "  <feature policy='require' name='pauth'/>\n" },

        // A <model> with only a fallback has nothing to print.
        { "11.3.0", "x86_64-host-model-nofallback.xml", "<cpu mode='host-model'>\n  <topology sockets='1' dies='1' clusters='1' cores='2' threads='1'/>\n</cpu>\n" },
        { "11.3.0", "ppc64-host+guest-host-model.xml", "<cpu mode='host-model'/>\n" },

        // Unknown elements such as <pages> are ignored.
        { "9.0.0", "x86_64-host-invtsc.xml", "  <feature name='vme'/>\n</cpu>\n" },

    };

    [Theory]
    [MemberData(nameof(NormalisedInputs))]
    public void Inputs_that_do_not_round_trip_differ_only_by_libvirt_normalisation(string version, string file, string expectedPart)
    {
        var text = LibvirtTestFiles.Read(version, file);
        var generation = LibvirtTestFiles.GenerationOf(version);
        var read = CpuXmlReader.Read(text, file, CpuXmlType.Auto, generation);
        Assert.True(read.Succeeded, read.Error?.ToString());

        var output = CpuXmlWriter.Format(AsPrinted(read.Cpu), generation);

        Assert.NotEqual(text, output);
        Assert.Contains(expectedPart, output, StringComparison.Ordinal);
    }
}
