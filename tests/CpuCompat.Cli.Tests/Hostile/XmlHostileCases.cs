using CpuCompat.TestSupport;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// Hostile libvirt XML for every command that reads it: DTDs in all their forms (never expanded, always "DOCTYPE not
/// allowed"), nesting past libxml2's 256 levels, huge files refused by their size, too many attributes, too long text,
/// wrong roots and empty files. Each names the file and the line.
/// </summary>
public sealed class XmlHostileCases : IHostileCaseSet
{
    private const string Format = "xml";

    private static string Example(string name) => RepositoryRoot.File($"data/examples/{name}");

    private static readonly string Cpu = "<cpu mode='custom' match='exact'>\n  <model>Haswell</model>\n</cpu>\n";

    /// <summary>The ways one bad file reaches the XML reader: alone, beside a good file, and as each side of update-cpu and cpu-compare.</summary>
    private static IEnumerable<HostileCase> EveryCommand(string name, Func<string, string> write, string stderr)
    {
        yield return new(Format, $"cpu-baseline/{name}", d => ["cpu-baseline", Example("pool-east.xml"), write(d)], StderrExpectation.Exact(stderr));
        yield return new(Format, $"cpu-compare/{name}", d => ["cpu-compare", write(d)], StderrExpectation.Exact(stderr));
        yield return new(Format, $"hypervisor-cpu-compare/{name}", d => ["hypervisor-cpu-compare", write(d)], StderrExpectation.Exact(stderr));
        yield return new(Format, $"hypervisor-cpu-baseline/{name}", d => ["hypervisor-cpu-baseline", write(d)], StderrExpectation.Exact(stderr));
        yield return new(Format, $"update-cpu-guest/{name}", d => ["update-cpu", write(d), "--host", Example("pool-east.xml")], StderrExpectation.Exact(stderr));
    }

    private static string Nested(int levels) =>
        "<cpu>" + string.Concat(Enumerable.Repeat("<a>", levels)) + string.Concat(Enumerable.Repeat("</a>", levels)) + "</cpu>\n";

    private static string Attributes(int count) =>
        "<cpu " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}='x'")) + ">\n  <model>Haswell</model>\n</cpu>\n";

    public IEnumerable<HostileCase> Cases =>
    [
        .. EveryCommand("xxe-general-entity",
            d => HostileFiles.Text(d, "cpu.xml", "<!DOCTYPE cpu [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<cpu><model>&x;</model></cpu>\n"),
            "{dir}/cpu.xml:1:1: error CC4020: DOCTYPE not allowed: CpuCompat never reads DTDs or entity declarations; remove the <!DOCTYPE ...> declaration."),
        .. EveryCommand("xxe-parameter-entity",
            d => HostileFiles.Text(d, "cpu.xml", "<?xml version='1.0'?>\n<!DOCTYPE cpu [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n" + Cpu),
            "{dir}/cpu.xml:2:1: error CC4020: DOCTYPE not allowed: CpuCompat never reads DTDs or entity declarations; remove the <!DOCTYPE ...> declaration."),
        .. EveryCommand("external-dtd",
            d => HostileFiles.Text(d, "cpu.xml", "<!DOCTYPE cpu SYSTEM \"http://192.0.2.1/cpu.dtd\">\n" + Cpu),
            "{dir}/cpu.xml:1:1: error CC4020: DOCTYPE not allowed: CpuCompat never reads DTDs or entity declarations; remove the <!DOCTYPE ...> declaration."),
        .. EveryCommand("billion-laughs",
            d => HostileFiles.Text(d, "cpu.xml", "<!DOCTYPE cpu [\n <!ENTITY a \"lol\">\n"
                + string.Concat(Enumerable.Range(1, 9).Select(i => $" <!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">\n"))
                + "]>\n<cpu><model>&j;</model></cpu>\n"),
            "{dir}/cpu.xml:1:1: error CC4020: DOCTYPE not allowed: CpuCompat never reads DTDs or entity declarations; remove the <!DOCTYPE ...> declaration."),
        .. EveryCommand("nesting-300",
            d => HostileFiles.Text(d, "cpu.xml", Nested(300)),
            "{dir}/cpu.xml:1:771: error CC4021: <a> is nested more than 256 elements deep (the limit of libvirt's XML parser); no real libvirt document comes near it."),
        .. EveryCommand("nesting-10k",
            d => HostileFiles.Text(d, "cpu.xml", Nested(10_000)),
            "{dir}/cpu.xml:1:771: error CC4021: <a> is nested more than 256 elements deep (the limit of libvirt's XML parser); no real libvirt document comes near it."),
        .. EveryCommand("nesting-100k",
            d => HostileFiles.Text(d, "cpu.xml", Nested(100_000)),
            "{dir}/cpu.xml:1:771: error CC4021: <a> is nested more than 256 elements deep (the limit of libvirt's XML parser); no real libvirt document comes near it."),
        .. EveryCommand("file-100mb",
            d => HostileFiles.Repeated(d, "cpu.xml", "<cpu>\n", "  <feature policy='require' name='sse4.2'/>\n", 100L << 20, "</cpu>\n"),
            "{dir}/cpu.xml:1:1: error CC4024: the document is larger than the limit of 16 MiB for one XML document; no real libvirt document comes near it."),
        .. EveryCommand("attributes-1000",
            d => HostileFiles.Text(d, "cpu.xml", Attributes(1000)),
            "{dir}/cpu.xml:1:1: error CC4022: <cpu> has 1000 attributes, more than the limit of 256; no real libvirt document comes near it."),
        .. EveryCommand("text-2mib",
            d => HostileFiles.Text(d, "cpu.xml", "<cpu>\n  <model>" + new string('x', 2 << 20) + "</model>\n</cpu>\n"),
            "{dir}/cpu.xml:2:10: error CC4023: a run of text is longer than the limit of 1048576 characters; no real libvirt document comes near it."),
        .. EveryCommand("attribute-value-2mib",
            d => HostileFiles.Text(d, "cpu.xml", "<cpu>\n  <feature policy='require' name='" + new string('x', 2 << 20) + "'/>\n</cpu>\n"),
            "{dir}/cpu.xml:2:3: error CC4023: attribute 'name' of <feature> is longer than the limit of 1048576 characters; no real libvirt document comes near it."),
    ];
}
