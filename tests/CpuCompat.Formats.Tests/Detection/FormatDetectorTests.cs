using System.Xml.Linq;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Formats.Tests.Detection;

/// <summary>Detection picks the right format for every sample there is: the dump corpus, every libvirt test file of both versions, and the committed fixtures.</summary>
public sealed class FormatDetectorTests
{
    public static TheoryData<string> Dumps() => [.. Samples.DumpFiles()];

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Shared_dump_is_detected(string dump)
    {
        var text = Samples.ReadDump(dump);
        var expected = text.Contains("basic_cpuid[", StringComparison.Ordinal) ? InputFormat.Libcpuid : InputFormat.Aida64;

        Assert.Equal(expected, FormatDetector.Detect(text).Format);
    }

    public static TheoryData<string, string> LibvirtFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var version in SharedData.LibvirtVersions)
        {
            if (Samples.LibvirtTestData(version) is { } dir)
            {
                foreach (var file in Directory.EnumerateFiles(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal))
                {
                    data.Add(version, file);
                }
            }
        }

        if (data.Count == 0)
        {
            data.Add(SharedData.LibvirtVersions[0], Samples.Missing);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LibvirtFiles))]
    public void Libvirt_test_file_is_detected_by_its_content(string version, string file)
    {
        var dir = Samples.LibvirtTestData(version);
        Assert.SkipWhen(dir is null, "the shared folder has no libvirt test data");
        var path = Path.Combine(dir!, file);
        var text = File.ReadAllText(path);

        // The expectation comes from a full XML parse (or the extension for the non-XML files), not from the detector.
        var expected = Path.GetExtension(file) switch
        {
            ".json" => InputFormat.Qmp,
            ".xml" => XDocument.Load(path).Root!.Name.LocalName switch
            {
                "cpudata" => InputFormat.Cpudata,
                "cpu" or "cpuTest" => InputFormat.Cpu,
                var other => throw new InvalidOperationException($"unexpected root <{other}>"),
            },
            _ => InputFormat.Auto, // .sig files hold a signature, not a CPU.
        };

        Assert.Equal(expected, FormatDetector.Detect(text).Format);
        var input = CpuInputReader.Read(text, file, InputFormat.Auto, Samples.Engine);
        Assert.Equal(expected == InputFormat.Auto, input.HasErrors);
    }

    public static TheoryData<string> Fixtures() => [.. Samples.Fixtures()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_is_detected(string fixture)
    {
        var expected = fixture switch
        {
            _ when fixture.StartsWith("cpuid-tool/", StringComparison.Ordinal) => InputFormat.CpuidTool,
            _ when fixture.StartsWith("cpuinfo/", StringComparison.Ordinal) => InputFormat.Cpuinfo,
            "xml/capabilities.xml" => InputFormat.Capabilities,
            "xml/domain.xml" => InputFormat.Domain,
            "xml/domcapabilities.xml" => InputFormat.DomCapabilities,
            _ => throw new InvalidOperationException($"no expectation for fixture {fixture}"),
        };

        Assert.Equal(expected, FormatDetector.Detect(Samples.ReadFixture(fixture)).Format);
    }

    [Theory]
    [InlineData("", InputFormat.Auto)]
    [InlineData("\uFEFF  \n", InputFormat.Auto)]
    [InlineData("<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE cpu [<!ENTITY a 'b'>]>\n<cpu/>", InputFormat.Cpu)]
    [InlineData("<hosts><cpu><model>x</model></cpu></hosts>", InputFormat.Cpu)]
    [InlineData("<cpus><model name='x'/></cpus>", InputFormat.Auto)]
    [InlineData("{\"QMP\": {}}", InputFormat.Qmp)]
    [InlineData("garbage\nmore garbage", InputFormat.Auto)]
    [InlineData("version=0.6.5\n_________________ Logical CPU #0 _________________\n", InputFormat.Libcpuid)]
    [InlineData("CPU:\n", InputFormat.CpuidTool)]
    [InlineData("------[ Versions ]------\nProgram Version : AIDA64\n------[ Logical CPU #0 ]------\nCPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\n", InputFormat.Aida64)]
    public void Edge_cases_are_detected(string text, InputFormat expected)
    {
        Assert.Equal(expected, FormatDetector.Detect(text).Format);
    }

    [Fact]
    public void The_root_element_is_found_with_its_position()
    {
        var root = FormatDetector.RootElement("<?xml version='1.0'?>\n\n  <domainCapabilities>\n</domainCapabilities>");

        Assert.Equal(new XmlRoot("domainCapabilities", 3, 3), root);
    }
}
