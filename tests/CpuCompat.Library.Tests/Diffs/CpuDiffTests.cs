using CpuCompat.Diffs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Diffs;

/// <summary>
/// <c>diff</c> on real before/after pairs of libvirt's test data and the CPUID dump corpus. The expected features are
/// found by other means than the diff's: libvirt's own decodes of each side, or the raw CPUID bits, expanded with
/// libvirt's map read straight from its XML (<see cref="LibvirtMap"/>), never with CpuCompat's database or engine.
/// </summary>
public sealed class CpuDiffTests
{
    private static CpuCompatibility Compat => DiffRun.Compat;

    private static LibvirtMap Map => DiffRun.Map;

    /// <summary>The x86 CPUs of libvirt 11.3.0's test data with a host and a guest decode (every one of them).</summary>
    public static TheoryData<string> HostAndGuest => [.. new[]
    {
        "A10-5800K", "Atom-D510", "Atom-N450", "Core-i5-2500", "Core-i5-2540M", "Core-i5-4670T", "Core-i5-6600", "Core-i7-2600",
        "Core-i7-2600-xsaveopt", "Core-i7-3520M", "Core-i7-3740QM", "Core-i7-4600U", "Core-i7-5600U", "Core-i7-5600U-arat",
        "Core-i7-5600U-ibrs", "Core-i7-7600U", "Core-i7-8550U", "Core-i7-8700", "Core2-E6850", "EPYC-7502-32-Core",
        "EPYC-7601-32-Core", "EPYC-7601-32-Core-ibpb", "FX-8150", "Opteron-1352", "Opteron-2350", "Opteron-6234", "Phenom-B95",
        "Ryzen-7-1800X-Eight-Core", "Ryzen-9-3900X-12-Core", "Xeon-5110", "Xeon-E3-1225-v5", "Xeon-E5-2609-v3", "Xeon-E5-2623-v4",
        "Xeon-E5-2630-v3", "Xeon-E5-2630-v4", "Xeon-E5-2650", "Xeon-E5-2650-v3", "Xeon-E5-2650-v4", "Xeon-E7-4820",
        "Xeon-E7-8890-v3", "Xeon-E7540", "Xeon-Gold-5115", "Xeon-Gold-6130", "Xeon-Gold-6148", "Xeon-Platinum-8268", "Xeon-X5460",
    }];

    /// <summary>The same CPU before and after a microcode update that libvirt's test data keeps as two CPUs.</summary>
    public static TheoryData<string, string> MicrocodePairs => new()
    {
        { "Core-i7-5600U", "Core-i7-5600U-ibrs" },
        { "EPYC-7601-32-Core", "EPYC-7601-32-Core-ibpb" },
    };

    /// <summary>
    /// The same host as two QEMU builds expand its "host" model (libvirt keeps them as variants of one CPU): one
    /// reports arat and the other does not; one enables xsaveopt and the other disables it.
    /// </summary>
    public static TheoryData<string, string, string> QemuPairs => new()
    {
        { "Core-i7-5600U", "Core-i7-5600U-arat", "arat" },
        { "Core-i7-2600", "Core-i7-2600-xsaveopt", "xsaveopt" },
    };

    /// <summary>
    /// Dumps of the corpus with the same family, model and stepping whose speculation-control features differ: the
    /// same silicon before and after the 2018-2019 microcode updates (Skylake-SP 6/85/4, Coffee Lake 6/158/10,
    /// Westmere 6/44/2).
    /// </summary>
    public static TheoryData<string, string> DumpPairs => new()
    {
        { "intel/skylake/intel-xeon-platinum-8180-cpu-dual.txt", "intel/skylake/intel-xeon-platinum-8160-cpu-dual.txt" },
        { "intel/skylake/intel-core-i7-8700k-cpu.txt", "intel/skylake/intel-core-i7-8086k-cpu.txt" },
        { "intel/nehalem/intel-xeon-cpu-x5650.txt", "intel/nehalem/intel-xeon-cpu-w3670.txt" },
    };

    private static string Data(string version, string name) => DiffRun.Data(version, name);

    private static CpuDiff Diff(string oldPath, string newPath) => DiffRun.Diff(oldPath, newPath);

    /// <summary>
    /// The diff of two definition files, its features checked against the features of <paramref name="oldExpected"/>
    /// and <paramref name="newExpected"/> (libvirt's own decodes; by default the files themselves) expanded apart.
    /// </summary>
    private static CpuDiff DiffOfDefinitions(string oldPath, string newPath, string? oldExpected = null, string? newExpected = null)
    {
        var diff = Diff(oldPath, newPath);
        AssertFeatures(diff, Map.Cpu(File.ReadAllText(oldExpected ?? oldPath)), Map.Cpu(File.ReadAllText(newExpected ?? newPath)));
        return diff;
    }

    /// <summary>The diff's gained and lost features are exactly the set differences of the expected feature sets.</summary>
    private static void AssertFeatures(CpuDiff diff, HashSet<string> before, HashSet<string> after)
    {
        Assert.Equal(after.Except(before).Order(StringComparer.Ordinal), diff.Gained.Order(StringComparer.Ordinal));
        Assert.Equal(before.Except(after).Order(StringComparer.Ordinal), diff.Lost.Order(StringComparer.Ordinal));
        Assert.Equal(before.Count, diff.Old.Features.PopCount());
        Assert.Equal(after.Count, diff.New.Features.PopCount());
    }

    [Theory]
    [MemberData(nameof(HostAndGuest))]
    public void Host_and_guest_forms_of_one_cpu_differ_by_what_libvirts_two_decodes_differ(string name)
    {
        var diff = DiffOfDefinitions(Data("11.3.0", $"{name}-host.xml"), Data("11.3.0", $"{name}-guest.xml"));
        Assert.Equal(CpuForm.Host, diff.Old.Form);
        Assert.Equal(CpuForm.Custom, diff.New.Form);
        Assert.Equal(!diff.Lost.IsEmpty, diff.LosesSomething);
    }

    [Theory]
    [MemberData(nameof(HostAndGuest))]
    public void A_libvirt_upgrade_changes_the_host_cpu_by_what_the_two_libvirts_report(string name)
    {
        // The host CPU libvirt 9.0.0 and 11.3.0 report for the same CPUID data: the model's name, and the features
        // only the newer map knows.
        var before = Data("9.0.0", $"{name}-host.xml");
        var after = Data("11.3.0", $"{name}-host.xml");
        var diff = DiffOfDefinitions(before, after);
        Assert.Equal(ModelOf(before), diff.Old.Cpu.Model);
        Assert.Equal(ModelOf(after), diff.New.Cpu.Model);
        Assert.Equal(ModelOf(before) != ModelOf(after), diff.ModelChanged);
        Assert.False(diff.SignatureChanged);
    }

    [Theory]
    [MemberData(nameof(MicrocodePairs))]
    public void A_microcode_update_gains_the_features_whose_cpuid_bits_it_sets(string before, string after)
    {
        var diff = Diff(Data("11.3.0", $"{before}.xml"), Data("11.3.0", $"{after}.xml"));
        var expectedBefore = Map.Present(Compat.ReadCpuData(File.ReadAllText(Data("11.3.0", $"{before}.xml")), before).Value);
        var expectedAfter = Map.Present(Compat.ReadCpuData(File.ReadAllText(Data("11.3.0", $"{after}.xml")), after).Value);

        AssertFeatures(diff, expectedBefore, expectedAfter);
        Assert.NotEmpty(diff.Gained);
        Assert.Empty(diff.Lost);
        Assert.False(diff.LosesSomething);
        Assert.Equal(CpuForm.Host, diff.New.Form);
        Assert.Equal(ModelOf(Data("11.3.0", $"{after}-host.xml")), diff.New.Cpu.Model);
    }

    [Theory]
    [MemberData(nameof(MicrocodePairs))]
    public void Rolling_a_microcode_update_back_loses_its_features_and_names_the_security_ones(string before, string after)
    {
        var diff = Diff(Data("11.3.0", $"{after}.xml"), Data("11.3.0", $"{before}.xml"));
        var x86 = Compat.Database.X86!;

        Assert.NotEmpty(diff.Lost);
        Assert.True(diff.LosesSomething);
        Assert.Equal(diff.Lost.Where(f => x86.FindFeature(f)!.Tags.Contains("security")), diff.SecurityLost);
    }

    [Theory]
    [MemberData(nameof(QemuPairs))]
    public void Another_qemu_gives_the_guest_what_libvirt_decodes_from_its_expansion(string before, string after, string lost)
    {
        var diff = DiffOfDefinitions(Data("11.3.0", $"{before}.json"), Data("11.3.0", $"{after}.json"), Data("11.3.0", $"{before}-json.xml"), Data("11.3.0", $"{after}-json.xml"));
        Assert.Equal([lost], diff.Lost);
        Assert.Empty(diff.Gained);
        Assert.True(diff.LosesSomething);
    }

    [Fact]
    public void The_ibrs_microcode_rolled_back_loses_spec_ctrl_and_stibp_as_security_features()
    {
        // Intel's IBRS microcode for this Broadwell sets CPUID.7.0:EDX bits 26 (spec-ctrl) and 27 (stibp).
        var diff = Diff(Data("11.3.0", "Core-i7-5600U-ibrs.xml"), Data("11.3.0", "Core-i7-5600U.xml"));
        Assert.Equal(["spec-ctrl", "stibp"], diff.Lost.Order(StringComparer.Ordinal));
        Assert.Equal(["spec-ctrl", "stibp"], diff.SecurityLost.Order(StringComparer.Ordinal));
        Assert.Equal("Broadwell-v3", diff.Old.Cpu.Model);
        Assert.Equal("Broadwell-v1", diff.New.Cpu.Model);
        Assert.Equal(new Core.Cpu.CpuSignature(6, 61, 4), CpuDiff.Signature(diff.New));
    }

    [Theory]
    [MemberData(nameof(DumpPairs))]
    public void Dumps_of_one_silicon_differ_by_the_cpuid_bits_of_their_microcode(string before, string after)
    {
        var dumps = Path.Combine(SharedData.RequireRoot(), "cpuid-dumps", "libcpuid");
        var oldPath = Path.Combine(dumps, before);
        var newPath = Path.Combine(dumps, after);
        var diff = Diff(oldPath, newPath);

        var expectedBefore = Map.Present(Compat.ReadCpuData(File.ReadAllText(oldPath), before).Value);
        var expectedAfter = Map.Present(Compat.ReadCpuData(File.ReadAllText(newPath), after).Value);
        AssertFeatures(diff, expectedBefore, expectedAfter);
        Assert.False(diff.SignatureChanged);
        Assert.Contains("spec-ctrl", diff.Gained);
        Assert.Contains("spec-ctrl", Diff(newPath, oldPath).SecurityLost);
    }

    [Theory]
    [InlineData("Core-i7-5600U-ibrs")]
    [InlineData("Xeon-Gold-6130")]
    [InlineData("EPYC-7502-32-Core")]
    [InlineData("Core-i7-8700")]
    public void The_guest_libvirt_defines_against_the_cpu_qemu_gave_it(string name)
    {
        // -guest is the guest CPU libvirt defines on this host; -json is the CPU QEMU really gave it (what the
        // -enabled and -disabled data say QEMU did, as libvirt's own test compares them). Both are guest CPUs.
        var defined = Data("11.3.0", $"{name}-guest.xml");
        var given = Data("11.3.0", $"{name}-json.xml");
        var diff = DiffOfDefinitions(defined, given);
        Assert.Equal(CpuForm.Custom, diff.Old.Form);
        Assert.Equal(CpuForm.Custom, diff.New.Form);
        AssertListed(diff.Listed, File.ReadAllText(defined), File.ReadAllText(given));
    }

    [Theory]
    [InlineData("Core-i7-5600U")]
    [InlineData("Xeon-E5-2650-v4")]
    [InlineData("Ryzen-9-3900X-12-Core")]
    public void A_host_against_what_qemu_can_give_a_guest_there(string name)
    {
        // The raw CPUID of the host, and QEMU's expansion of its "host" model on it (raw data too).
        var diff = DiffOfDefinitions(Data("11.3.0", $"{name}.xml"), Data("11.3.0", $"{name}.json"), Data("11.3.0", $"{name}-host.xml"), Data("11.3.0", $"{name}-json.xml"));
        Assert.Equal("cpudata", InputFormatName(diff.Old));
        Assert.Equal("qmp", InputFormatName(diff.New));
    }

    [Fact]
    public void A_started_host_model_guest_is_its_own_form_and_stands_for_its_model_and_features()
    {
        // What libvirt writes for a running host-model guest: mode host-model, with the model and features it resolved to.
        using var dir = new TempDirectory();
        var custom = Data("11.3.0", "Xeon-Gold-6130-guest.xml");
        var started = dir.Write("started.xml", File.ReadAllText(custom).Replace("<cpu mode='custom' match='exact'>", "<cpu mode='host-model' check='partial'>", StringComparison.Ordinal));
        var diff = DiffOfDefinitions(started, custom);
        Assert.Equal(CpuForm.HostModel, diff.Old.Form);
        Assert.Empty(diff.Gained);
        Assert.Empty(diff.Lost);
    }

    [Fact]
    public void A_cpu_against_itself_changes_nothing()
    {
        var path = Data("11.3.0", "Xeon-Platinum-8268-host.xml");
        var diff = Diff(path, path);
        Assert.Empty(diff.Gained);
        Assert.Empty(diff.Lost);
        Assert.True(diff.Listed.IsEmpty);
        Assert.False(diff.ModelChanged || diff.VendorChanged || diff.SignatureChanged || diff.LosesSomething);
    }

    private static string InputFormatName(DiffSide side) => Formats.Detection.InputFormats.NameOf(side.Format);

    private static string ModelOf(string path) => ((string)System.Xml.Linq.XDocument.Load(path).Descendants("model").First()).Trim();

    /// <summary>The listed features compared straight from the two XML texts: added, removed, and policy changes.</summary>
    private static void AssertListed(ListedFeatures listed, string oldXml, string newXml)
    {
        static Dictionary<string, string> Features(string xml) => System.Xml.Linq.XDocument.Parse(xml).Descendants("feature")
            .ToDictionary(f => (string)f.Attribute("name")!, f => (string?)f.Attribute("policy") ?? "require", StringComparer.Ordinal);

        var before = Features(oldXml);
        var after = Features(newXml);
        Assert.Equal(after.Keys.Except(before.Keys).Order(StringComparer.Ordinal), listed.Added.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before.Keys.Except(after.Keys).Order(StringComparer.Ordinal), listed.Removed.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before.Keys.Intersect(after.Keys).Where(k => before[k] != after[k]).Order(StringComparer.Ordinal),
            listed.Changed.Select(c => c.Name).Order(StringComparer.Ordinal));
    }
}
