using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Libvirt.Tests;

/// <summary>Every way XML is read refuses DTDs and the <see cref="XmlLimits"/> with their own codes and positions.</summary>
public sealed class GuardedXmlReaderTests
{
    private const LibvirtGeneration V11 = LibvirtGeneration.Libvirt11;

    private const string Cpu = "<cpu mode='custom' match='exact'>\n  <model>Haswell</model>\n</cpu>\n";

    public static TheoryData<string, string, int> Doctypes => new()
    {
        { "internal subset", "<!DOCTYPE cpu [<!ENTITY x \"Haswell\">]>\n<cpu><model>&x;</model></cpu>\n", 1 },
        { "xxe general entity", "<!DOCTYPE cpu [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<cpu><model>&x;</model></cpu>\n", 1 },
        { "parameter entity", "<?xml version='1.0'?>\n<!DOCTYPE cpu [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n" + Cpu, 2 },
        { "external DTD", "<!DOCTYPE cpu SYSTEM \"http://192.0.2.1/cpu.dtd\">\n" + Cpu, 1 },
        { "billion laughs", "<!DOCTYPE cpu [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<cpu><model>&c;</model></cpu>\n", 1 },
        { "after a comment", "<!-- a guest -->\n\n<!DOCTYPE cpu>\n" + Cpu, 3 },
    };

    [Theory]
    [MemberData(nameof(Doctypes))]
    public void A_doctype_is_refused_as_such_by_every_reader(string what, string text, int line)
    {
        foreach (var error in new[]
        {
            CpuXmlReader.ReadGuest(text, "g.xml", V11).Error,
            CpuXmlReader.ReadDocument(text, "g.xml", V11).Error,
            CpuXmlReader.ReadAllCpus(text, "g.xml", CpuXmlType.Host, V11).Error,
        })
        {
            Assert.NotNull(error);
            Assert.Equal(LibvirtCodes.DoctypeNotAllowed, error.Code);
            Assert.Equal(line, error.Span.Line);
            Assert.StartsWith("DOCTYPE not allowed", error.Message);
            Assert.DoesNotContain("Haswell", error.Message);
            _ = what;
        }
    }

    private static string Nested(int levels) =>
        "<cpu>" + string.Concat(Enumerable.Repeat("<a>", levels - 1)) + string.Concat(Enumerable.Repeat("</a>", levels - 1)) + "</cpu>";

    [Fact]
    public void Nesting_up_to_256_levels_is_read_and_the_257th_is_refused_where_it_starts()
    {
        Assert.NotNull(XmlSource.Load(Nested(256), "d.xml", out var fine));
        Assert.Null(fine);

        Assert.Null(XmlSource.Load(Nested(257), "d.xml", out var error));
        Assert.Equal(LibvirtCodes.XmlTooDeep, error!.Code);
        Assert.Equal((1, 5 + (255 * 3) + 1), (error.Span.Line, error.Span.Column));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Deep_nesting_is_refused_by_every_reader(int levels)
    {
        var text = Nested(levels);
        Assert.Equal(LibvirtCodes.XmlTooDeep, CpuXmlReader.ReadGuest(text, "d.xml", V11).Error?.Code);
        Assert.Equal(LibvirtCodes.XmlTooDeep, CpuXmlReader.ReadAllCpus(text, "d.xml", CpuXmlType.Host, V11).Error?.Code);
        Assert.Equal(LibvirtCodes.XmlTooDeep, CpuXmlReader.ReadCpuElements([Encoding.UTF8.GetBytes(text)], "d.xml", CpuXmlType.Host, V11).Error?.Code);
    }

    private static string WithAttributes(int count) =>
        "<cpu " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}='x'")) + "><model>Haswell</model></cpu>";

    [Fact]
    public void Attributes_are_counted_per_element_by_both_the_parser_and_the_fast_path()
    {
        Assert.True(CpuXmlReader.ReadCpuElements([Encoding.UTF8.GetBytes(WithAttributes(XmlLimits.MaxAttributes))], "a.xml", CpuXmlType.Guest, V11).Succeeded);
        Assert.True(CpuXmlReader.ReadGuest(WithAttributes(XmlLimits.MaxAttributes), "a.xml", V11).Succeeded);

        var many = WithAttributes(XmlLimits.MaxAttributes + 1);
        Assert.Equal(LibvirtCodes.XmlTooManyAttributes, CpuXmlReader.ReadGuest(many, "a.xml", V11).Error?.Code);
        Assert.Equal(LibvirtCodes.XmlTooManyAttributes, CpuXmlReader.ReadCpuElements([Encoding.UTF8.GetBytes(many)], "a.xml", CpuXmlType.Guest, V11).Error?.Code);
    }

    [Fact]
    public void Long_text_and_long_attribute_values_are_refused()
    {
        var text = "<cpu>\n  <model>" + new string('x', XmlLimits.MaxValueLength + 1) + "</model>\n</cpu>";
        var error = CpuXmlReader.ReadGuest(text, "t.xml", V11).Error;
        Assert.Equal((LibvirtCodes.XmlValueTooLong, 2), (error?.Code, error?.Span.Line));
        Assert.Equal(LibvirtCodes.XmlValueTooLong, CpuXmlReader.ReadCpuElements([Encoding.UTF8.GetBytes(text)], "t.xml", CpuXmlType.Guest, V11).Error?.Code);

        var attribute = "<cpu>\n  <feature policy='require' name='" + new string('x', XmlLimits.MaxValueLength + 1) + "'/>\n</cpu>";
        Assert.Equal(LibvirtCodes.XmlValueTooLong, CpuXmlReader.ReadAllCpus(attribute, "t.xml", CpuXmlType.Guest, V11).Error?.Code);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var text = "<cpu>" + new string(' ', (int)XmlLimits.MaxDocumentBytes) + "</cpu>";
        var error = CpuXmlReader.ReadGuest(text, "big.xml", V11).Error;
        Assert.Equal(LibvirtCodes.XmlTooLarge, error?.Code);
        Assert.Contains("16 MiB", error!.Message);
        Assert.Equal(LibvirtCodes.XmlTooLarge, SafeXml.TooLarge(XmlLimits.MaxDocumentBytes + 1, "big.xml")?.Code);
        Assert.Null(SafeXml.TooLarge(XmlLimits.MaxDocumentBytes, "big.xml"));
    }

    [Fact]
    public void A_syntax_error_is_still_reported_as_malformed()
    {
        var error = CpuXmlReader.ReadGuest("<cpu><model>Haswell</cpu>", "m.xml", V11).Error;
        Assert.Equal(LibvirtCodes.MalformedXml, error?.Code);
    }
}
