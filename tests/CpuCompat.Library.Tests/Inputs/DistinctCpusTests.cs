using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Inputs;

/// <summary>
/// Reading big host lists by distinct element (the fast path of <c>cpu-baseline</c>) gives what reading every CPU
/// gives: the same baseline, the same errors with the same lines, for plain lists and for every file that only
/// looks like one.
/// </summary>
public sealed class DistinctCpusTests
{
    private static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    private static string Host(string model, params string[] features) =>
        $"<cpu>\n  <arch>x86_64</arch>\n  <model>{model}</model>\n  <vendor>Intel</vendor>\n"
        + string.Concat(features.Select(f => $"  <feature name='{f}'/>\n")) + "</cpu>\n";

    public static TheoryData<string, string> Files => new()
    {
        { "plain list with repeats", Host("Haswell", "vmx") + Host("Skylake-Client", "vmx") + Host("Haswell", "vmx") },
        { "declaration, BOM, comments", "\uFEFF<?xml version='1.0'?>\n<!-- fleet -->\n" + Host("Haswell") + "<!-- <cpu> -->\n" + Host("Broadwell") },
        { "CRLF line ends", (Host("Haswell", "vmx") + Host("Broadwell")).Replace("\n", "\r\n") },
        { "double quotes and attributes", "<cpu mode=\"host-model\">\n  <arch>x86_64</arch>\n  <model>Haswell</model>\n  <vendor>Intel</vendor>\n</cpu>\n" + Host("Broadwell") },
        { "an entity in a value", Host("Haswell").Replace("<model>Haswell", "<model>Has&#119;ell") + Host("Broadwell") },
        { "CDATA holding an end tag", Host("Haswell").Replace("</cpu>", "<![CDATA[</cpu>]]></cpu>") + Host("Broadwell") },
        { "a comment holding an end tag", Host("Haswell").Replace("<arch>", "<!-- </cpu> --><arch>") + Host("Broadwell") },
        { "a cpuTest document", "<cpuTest>\n" + Host("Haswell") + Host("Broadwell") + "</cpuTest>\n" },
        { "a capabilities document", "<capabilities>\n<host>\n" + Host("Haswell") + "</host>\n</capabilities>\n" },
        { "text between elements", Host("Haswell") + "junk\n" + Host("Broadwell") },
        { "an unknown feature on line 9", Host("Haswell") + Host("Broadwell", "warp-drive") },
        { "an unknown model", Host("Haswell") + Host("Quantum-9000") },
        { "a truncated last element", Host("Haswell") + Host("Broadwell")[..40] },
        { "a nested cpu", Host("Haswell").Replace("</cpu>", "<cpu/></cpu>") },
        { "a self-closing cpu", "<cpu/>\n" + Host("Haswell") },
        { "a duplicate attribute", Host("Haswell").Replace("<cpu>", "<cpu mode='custom' mode='custom'>") },
        { "a DOCTYPE", "<!DOCTYPE cpu>\n" + Host("Haswell") },
        { "no CPU at all", "\n\n" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Reading_by_distinct_element_gives_the_answer_of_reading_every_cpu(string what, string text)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("hosts.xml", text);
        var whole = Compat.ReadCpus(File.ReadAllText(file), file);
        var distinct = Compat.ReadDistinctCpus([file], () => Stream.Null);

        if (whole.Succeeded != distinct.Succeeded)
        {
            Assert.Fail($"{what}: {(whole.Succeeded ? distinct.Error!.Message : whole.Error!.Message)}");
        }

        if (!whole.Succeeded)
        {
            Assert.Equal(whole.Error!.Message, distinct.Error!.Message);
            return;
        }

        Assert.Equal(whole.Value.Length, distinct.Value.Total);
        // Each distinct CPU names where it first appeared, as the ordinary reader names that CPU.
        var named = Compat.Reader.ReadNamedCpus(File.ReadAllText(file), file).Value;
        Assert.Equal(distinct.Value.Cpus.Length, distinct.Value.Origins.Length);
        for (var i = 0; i < distinct.Value.Cpus.Length; i++)
        {
            var at = named.Origins.IndexOf(distinct.Value.Origins[i]);
            Assert.True(at >= 0, $"{what}: {distinct.Value.Origins[i]} is not where the ordinary reader finds a CPU");
            Assert.Equal(Compat.ToXml(named.Cpus[at]), Compat.ToXml(distinct.Value.Cpus[i]));
        }

        Assert.Equal(whole.Value.Select(Compat.ToXml).Distinct(), distinct.Value.Cpus.Select(Compat.ToXml).Distinct());
        Assert.True(distinct.Value.Cpus.Length <= whole.Value.Length);
        var expected = Compat.Baseline(whole.Value);
        var actual = Compat.Baseline(distinct.Value.Cpus);
        Assert.Equal(expected.Succeeded ? Compat.ToXml(expected.Value) : expected.Error!.Message, actual.Succeeded ? Compat.ToXml(actual.Value) : actual.Error!.Message);
    }

    public static TheoryData<string, string> Faulty => new()
    {
        { "plain list", Host("Haswell") + Host("Broadwell", "warp-drive") },
        { "document", "<cpuTest>\n" + Host("Haswell") + Host("Broadwell", "warp-drive") + "</cpuTest>\n" },
    };

    [Theory]
    [MemberData(nameof(Faulty))]
    public void A_baseline_error_about_one_cpu_names_its_file_and_line(string what, string text)
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.xml", Host("Haswell"));
        var bad = dir.Write("bad.xml", text);
        var line = text.Contains("<cpuTest>", StringComparison.Ordinal) ? 7 : 6;

        var read = Compat.ReadDistinctCpus([good, bad], () => Stream.Null);
        var baseline = Compat.Baseline(read.Value);

        Assert.False(baseline.Succeeded, what);
        Assert.Equal($"{bad}:{line}: unknown CPU feature 'warp-drive'", baseline.Error!.Message);
    }

    [Fact]
    public void Mixed_vendors_name_the_first_cpu_that_differs()
    {
        using var dir = new TempDirectory();
        var intel = dir.Write("intel.xml", Host("Haswell") + Host("Broadwell"));
        var amd = dir.Write("amd.xml", "\n" + Host("EPYC").Replace("Intel", "AMD", StringComparison.Ordinal));

        var baseline = Compat.Baseline(Compat.ReadDistinctCpus([intel, amd], () => Stream.Null).Value);

        Assert.Equal($"{amd}:2: CPU vendors do not match", baseline.Error!.Message);
        Assert.Equal(2, baseline.Error.InputIndex);
    }

    [Fact]
    public void Identical_elements_are_read_once()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("hosts.xml", string.Concat(Enumerable.Range(0, 500).Select(i => Host(i % 3 == 0 ? "Haswell" : "Broadwell", "vmx"))));
        var read = Compat.ReadDistinctCpus([file], () => Stream.Null);
        Assert.Equal(500, read.Value.Total);
        Assert.Equal(["Haswell", "Broadwell"], read.Value.Cpus.Select(c => c.Model!));
    }

    [Fact]
    public void Standard_input_and_several_files_read_as_one_list()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.xml", Host("Haswell", "vmx") + Host("Broadwell"));
        var b = Host("Skylake-Client") + Host("Haswell", "vmx");
        var read = Compat.ReadDistinctCpus([a, "-"], () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(b)));
        Assert.True(read.Succeeded);
        Assert.Equal(4, read.Value.Total);
        Assert.Equal(3, read.Value.Cpus.Length);
        Assert.Equal(Compat.ToXml(Compat.Baseline(Compat.ReadCpus(File.ReadAllText(a) + b, "all").Value).Value), Compat.ToXml(Compat.Baseline(read.Value.Cpus).Value));
    }

    [Fact]
    public void Every_real_host_cpu_reads_the_same_either_way()
    {
        var dir = SharedData.TestDataDir("11.3.0");
        var hosts = Directory.EnumerateFiles(dir, "x86_64-cpuid-*-host.xml").Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f).TrimEnd())
            .Where(t => t.TrimStart().StartsWith("<cpu", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(hosts);
        using var temp = new TempDirectory();
        var file = temp.Write("fleet.xml", string.Concat(hosts.Select(h => h + "\n")));
        var distinct = Compat.ReadDistinctCpus([file], () => Stream.Null);
        Assert.True(distinct.Succeeded, distinct.Succeeded ? "" : distinct.Error!.Message);
        var one = hosts.Distinct().Select(h => Compat.ReadCpus(h, "one").Value.Single()).ToList();
        Assert.Equal(one.Select(Compat.ToXml), distinct.Value.Cpus.Select(Compat.ToXml));
    }

    /// <summary>Texts in memory, one host a text (libvirt's baseline call takes such an array): the forms a document can take.</summary>
    public static TheoryData<string, string[]> Texts => new()
    {
        { "repeats, with and without a final line break", [Host("Haswell", "vmx"), Host("Broadwell"), Host("Haswell", "vmx"), Host("Broadwell").TrimEnd()] },
        { "CRLF and trailing blanks", [Host("Haswell", "vmx").Replace("\n", "\r\n") + "  \r\n", Host("Skylake-Client")] },
        { "a declaration and a comment", ["<?xml version='1.0'?>\n<!-- h1 -->\n" + Host("Haswell"), Host("Broadwell")] },
        { "a capabilities document", ["<capabilities>\n<host>\n" + Host("Haswell") + "</host>\n</capabilities>\n", Host("Broadwell")] },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Texts_read_by_distinct_text_give_the_baseline_of_every_text(string what, string[] texts)
    {
        var read = Compat.ReadDistinctCpus(texts);
        Assert.True(read.Succeeded, $"{what}: {(read.Succeeded ? "" : read.Error!.Message)}");
        Assert.Equal(texts.Length, read.Value.Total);
        var every = texts.SelectMany(t => Compat.ReadCpus(t, "one").Value).ToList();
        Assert.Equal(every.Select(Compat.ToXml).Distinct(), read.Value.Cpus.Select(Compat.ToXml).Distinct());
        Assert.Equal(Compat.ToXml(Compat.Baseline(every).Value), Compat.ToXml(Compat.Baseline(read.Value.Cpus).Value));
    }

    [Fact]
    public void Identical_texts_are_read_once_in_the_order_they_first_appear()
    {
        var texts = Enumerable.Range(0, 300).Select(i => Host(i % 3 == 0 ? "Skylake-Client" : "Haswell", "vmx")).ToArray();
        var read = Compat.ReadDistinctCpus(texts);
        Assert.Equal(300, read.Value.Total);
        Assert.Equal(["Skylake-Client", "Haswell"], read.Value.Cpus.Select(c => c.Model!));
    }

    [Fact]
    public void A_bad_text_is_named_by_its_place_in_the_list()
    {
        var read = Compat.ReadDistinctCpus([Host("Haswell"), Host("Haswell"), Host("Broadwell")[..40]]);
        Assert.False(read.Succeeded);
        Assert.StartsWith("text 3:", read.Error!.Message, StringComparison.Ordinal);
    }
}
