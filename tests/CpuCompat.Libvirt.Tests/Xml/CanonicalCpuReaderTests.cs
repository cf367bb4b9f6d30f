using System.Text;
using System.Xml;
using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Libvirt.Xml.Elements;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Xml;

/// <summary>
/// The fast reader of the plain form libvirt writes must agree with the XML parser on everything it accepts: the
/// same tree (names, attributes, values, lines) and the same CPU or the same error. It may refuse anything, and then
/// the XML parser reads it; it must refuse what is not the plain form (entities, comments, CDATA, namespaces).
/// </summary>
public sealed class CanonicalCpuReaderTests
{
    private static readonly Lazy<string[]> Samples = new(() =>
    [
        .. Directory.EnumerateFiles(SharedData.TestDataDir("11.3.0"), "*-host.xml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText).Where(t => t.StartsWith("<cpu", StringComparison.Ordinal)).Select(t => t.TrimEnd()),
        "<cpu mode='host-model' check='partial'>\n  <model fallback='allow'>Haswell</model>\n  <feature policy='disable' name='vmx'/>\n</cpu>",
        "<cpu match=\"exact\">\n  <model>Haswell</model>\n  <topology sockets='1' cores='2' threads='2'/>\n  <cache level='3' mode='emulate'/>\n</cpu>",
    ]);

    [Fact]
    public void Every_host_cpu_libvirt_writes_is_read_without_the_xml_parser()
    {
        var scratch = new CanonicalCpuReader.Scratch();
        foreach (var sample in Samples.Value)
        {
            Assert.NotNull(CanonicalCpuReader.TryRead(Encoding.UTF8.GetBytes(sample), scratch));
            AssertAgrees(sample, scratch);
        }
    }

    [Theory]
    [InlineData("<cpu>\n  <model>Has&amp;well</model>\n</cpu>")]
    [InlineData("<cpu>\n  <!-- c --><model>Haswell</model>\n</cpu>")]
    [InlineData("<cpu>\n  <model><![CDATA[Haswell]]></model>\n</cpu>")]
    [InlineData("<cpu xmlns='urn:x'>\n  <model>Haswell</model>\n</cpu>")]
    [InlineData("<cpu>\n  <x:model xmlns:x='urn:x'>Haswell</x:model>\n</cpu>")]
    [InlineData("<cpu>\n  <model a='1' a='2'>Haswell</model>\n</cpu>")]
    [InlineData("<cpu>\n  <model>Haswell</model>\n</cpu>\n<cpu/>")]
    [InlineData("<cpu>\n  <model>Haswell</modelx>\n</cpu>")]
    [InlineData("<cpu>\r  <model>Haswell</model>\n</cpu>")]
    [InlineData("<cpu>\n  <model>Hasw\u00e9ll</model>\n</cpu>")]
    [InlineData("<cpu>\n  <feature name='a\tb'/>\n</cpu>")]
    [InlineData("<cpu>\n  <model><b/></model>\n</cpu>")]
    public void What_is_not_the_plain_form_is_left_to_the_xml_parser(string text) =>
        Assert.Null(CanonicalCpuReader.TryRead(Encoding.UTF8.GetBytes(text), new CanonicalCpuReader.Scratch()));

    [Fact]
    public void Whatever_it_accepts_the_xml_parser_reads_the_same()
    {
        var scratch = new CanonicalCpuReader.Scratch();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(Mutators.OnSamples(Samples.Value.Length).ToArbitrary(), m =>
        {
            AssertAgrees(Mutators.Apply(Samples.Value[m.Sample], m.Mutation), scratch);
            return true;
        }));
    }

    private static void AssertAgrees(string text, CanonicalCpuReader.Scratch scratch)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (CanonicalCpuReader.TryRead(bytes, scratch) is not { } fast)
        {
            return;
        }

        ElementNode parsed;
        try
        {
            using var reader = XmlSource.CreateReader(new MemoryStream(bytes), ConformanceLevel.Fragment);
            reader.MoveToContent();
            parsed = new ElementNodeReader().Read(reader);
            Assert.True(reader.EOF || reader.NodeType is XmlNodeType.None or XmlNodeType.Whitespace, $"more after the element: {text}");
        }
        catch (XmlException e)
        {
            Assert.Fail($"accepted what the XML parser refuses ({e.Message}):\n{text}");
            return;
        }

        Assert.Equal(Describe(parsed, root: true), Describe(fast, root: true));
        foreach (var generation in new[] { LibvirtGeneration.Libvirt9, LibvirtGeneration.Libvirt11 })
        {
            var a = CpuElementParser.Parse(parsed, "f.xml", CpuXmlType.Auto, generation);
            var b = CpuElementParser.Parse(fast, "f.xml", CpuXmlType.Auto, generation);
            Assert.Equal(a.Succeeded ? CpuXmlWriter.Format(a.Cpu, generation) : a.Error.ToString(), b.Succeeded ? CpuXmlWriter.Format(b.Cpu, generation) : b.Error.ToString());
        }
    }

    /// <summary>Everything of a tree the CPU parser can see (the root's own text aside: nothing reads it).</summary>
    private static string Describe(ElementNode node, bool root)
    {
        var sb = new StringBuilder($"<{node.NamespaceName}:{node.LocalName} @{node.Line}:{node.Column}");
        foreach (var attribute in node.Attributes)
        {
            sb.Append($" {attribute.NamespaceName}:{attribute.LocalName}='{attribute.Value}'@{attribute.Line}:{attribute.Column}");
        }

        sb.Append(root ? ">" : $">{node.Value}|");
        foreach (var child in node.Elements)
        {
            sb.Append(Describe(child, root: false));
        }

        return sb.Append("</>").ToString();
    }
}
