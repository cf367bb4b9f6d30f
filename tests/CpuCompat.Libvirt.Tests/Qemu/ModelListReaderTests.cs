using CpuCompat.Core;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Libvirt.Qemu;
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
    public void An_empty_file_is_an_empty_list()
    {
        Assert.Empty(ModelListReader.Read("", "m").Models);
        Assert.Empty(ModelListReader.Read("# nothing\n\n", "m").Models);
    }
}
