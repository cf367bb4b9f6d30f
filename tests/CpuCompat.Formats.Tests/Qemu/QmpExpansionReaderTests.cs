using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Convert;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Formats.Tests.Qemu;

/// <summary>
/// QEMU's view of a host CPU (libvirt 11.3.0's <c>x86_64-cpuid-*.json</c>): read as CPU data and guest-decoded with
/// the file's own definitions reply, it gives libvirt's <c>-json.xml</c> answer.
/// </summary>
public sealed class QmpExpansionReaderTests
{
    private const string Version = "11.3.0";

    public static TheoryData<string> JsonFiles()
    {
        var dir = Samples.LibvirtTestData(Version);
        return dir is null
            ? [Samples.Missing]
            : [.. Directory.EnumerateFiles(dir, "x86_64-cpuid-*.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Expansion_reply_decodes_to_libvirts_json_answer(string file)
    {
        var dir = Samples.LibvirtTestData(Version);
        Assert.SkipWhen(dir is null, "the shared folder has no libvirt 11.3.0 test data");
        var text = File.ReadAllText(Path.Combine(dir!, file));

        var input = CpuInputReader.Read(text, file, InputFormat.Auto, Samples.Engine);

        Assert.Equal(InputFormat.Qmp, input.Format);
        Assert.False(input.HasErrors, string.Join("\n", input.Diagnostics));
        Assert.Equal(text.Contains("unavailable-features", StringComparison.Ordinal), input.Models is not null);
        var guest = Samples.Engine.DecodeGuest(input.Data!, input.Models);
        Assert.True(guest.Succeeded, guest.Error?.Message);
        var expected = File.ReadAllText(Path.Combine(dir!, file.Replace(".json", "-json.xml", StringComparison.Ordinal)));
        var actual = CpuXmlWriter.Format(guest.Value, Samples.Database.Generation);
        Assert.Equal(expected.TrimEnd('\n'), actual.TrimEnd('\n'));
    }

    [Fact]
    public void Properties_become_features_vendor_and_signature()
    {
        const string reply = """
            {"return": {"model": {"name": "base", "props": {"pclmulqdq": true, "sse4.2": true, "avx": false, "kvm-pv-unhalt": true,
             "vendor": "GenuineIntel", "family": 6, "model": 94, "stepping": 3, "model-id": "x"}}}, "id": "libvirt-1"}
            """;

        var input = CpuInputReader.Read(reply, "q.json", InputFormat.Auto, Samples.Engine);

        var data = input.Data!;
        Assert.True(Samples.Engine.HasFeature(data, "pclmuldq").Value);
        Assert.True(Samples.Engine.HasFeature(data, "sse4.2").Value);
        Assert.False(Samples.Engine.HasFeature(data, "avx").Value);
        Assert.True(Samples.Engine.HasFeature(data, "kvm_pv_unhalt").Value);
        Assert.Equal(CpuidVendor.Encode("GenuineIntel"), data[DataKey.Cpuid(0)]);
        Assert.Equal(0x506E3u, data[DataKey.Cpuid(1)].Eax);
        Assert.Null(input.Models);
    }

    [Fact]
    public void A_definitions_list_alone_is_an_error_that_points_to_models()
    {
        var input = CpuInputReader.Read("{\"return\": [{\"name\": \"qemu64\", \"unavailable-features\": []}]}", "d.json", InputFormat.Auto, Samples.Engine);

        var error = Assert.Single(input.Diagnostics, d => d.IsError);
        Assert.Equal(FormatCodes.NoModelExpansion, error.Code);
        Assert.Contains("--models", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_an_error_with_its_position()
    {
        var input = CpuInputReader.Read("{\"return\": {\"model\": \n  {\"name\": oops}}}", "m.json", InputFormat.Auto, Samples.Engine);

        var error = Assert.Single(input.Diagnostics, d => d.IsError);
        Assert.Equal(2, error.Span.Line);
    }
}
