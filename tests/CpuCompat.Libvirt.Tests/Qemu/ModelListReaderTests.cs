using CpuCompat.Core;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Libvirt.Qemu;
using CpuCompat.Libvirt.Tests.CpuMap;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Qemu;

public sealed class ModelListReaderTests
{
    [Fact]
    public void Names_one_per_line_with_comments_and_blank_lines()
    {
        const string text = "# allowed models\nqemu64\n\n  core2duo   # the old one\r\nNehalem\n";

        var result = ModelListReader.Read(text, "models.txt");

        Assert.Empty(result.Diagnostics);
        Assert.Equal([AllowedModel.Named("qemu64"), AllowedModel.Named("core2duo"), AllowedModel.Named("Nehalem")], result.Models);
    }

    [Fact]
    public void A_line_is_one_name_even_with_spaces_as_libvirt_takes_it()
    {
        var result = ModelListReader.Read("qemu64\n   ThunderX2 99xx  \n", "models.txt");

        Assert.Empty(result.Diagnostics);
        Assert.Equal([AllowedModel.Named("qemu64"), AllowedModel.Named("ThunderX2 99xx")], result.Models);
    }

    [Fact]
    public void A_control_character_in_a_name_is_an_error_at_its_place()
    {
        var result = ModelListReader.Read("qemu64\n   Sky\u0001lake\n", "models.txt");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(LibvirtCodes.InvalidModelName, error.Code);
        Assert.Equal((2, 4), (error.Span.Line, error.Span.Column));
        Assert.Equal([AllowedModel.Named("qemu64")], result.Models);
    }

    [Fact]
    public void An_xml_document_given_as_a_list_is_an_error_at_its_first_line()
    {
        var result = ModelListReader.Read("<html>\n<body/>\n</html>\n", "models.txt");

        Assert.Equal(3, result.Diagnostics.Length);
        var first = result.Diagnostics[0];
        Assert.Equal(LibvirtCodes.InvalidModelName, first.Code);
        Assert.Equal((1, 1), (first.Span.Line, first.Span.Column));
        Assert.Equal("models.txt:1:1: error CC4305: '<html>' is not a CPU model name: it contains '<'; a models file is a QMP query-cpu-definitions reply or model names, one a line ('#' starts a comment).", first.ToString());
    }

    [Fact]
    public void A_file_that_is_no_list_stops_after_twenty_bad_lines()
    {
        var result = ModelListReader.Read(string.Concat(Enumerable.Repeat("a=b\n", 1000)), "models.txt");

        Assert.Equal(20, result.Diagnostics.Length);
    }

    [Theory]
    [MemberData(nameof(CpuMapLoaderTests.Versions), MemberType = typeof(CpuMapLoaderTests))]
    public void Every_model_of_a_real_map_is_a_valid_name(string version)
    {
        var db = CpuMapLoaderTests.Load(version);
        var names = db.Architectures.SelectMany(a => a.ModelNames).ToList();

        var result = ModelListReader.Read(string.Join('\n', names), "models.txt");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(names.Count, result.Models.Length);
    }

    [Fact]
    public void An_empty_file_is_an_empty_list()
    {
        Assert.Empty(ModelListReader.Read("", "m").Models);
        Assert.Empty(ModelListReader.Read("# nothing\n\n", "m").Models);
    }
}
