using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Libvirt.CpuMap;
using Xunit;

namespace CpuCompat.Libvirt.Tests.CpuMap;

/// <summary>Small in-memory maps for the load-order rules and for every way a map can be malformed.</summary>
public sealed class CpuMapReaderTests
{
    private const string Vendors = "<cpus><vendor name='Intel' string='GenuineIntel'/></cpus>";
    private const string Features = "<cpus><feature name='fpu'><cpuid eax_in='0x01' edx='0x00000001'/></feature><feature name='vme'><cpuid eax_in='1' edx='2'/></feature></cpus>";

    private static string Index(string body) => $"<cpus>\n  <arch name='x86'>\n{body}\n  </arch>\n</cpus>\n";

    private static CpuMapReadResult Read(Dictionary<string, string> files, LibvirtGeneration? generation = null) =>
        CpuMapReader.Read("map", name => files.GetValueOrDefault(name), generation);

    private static Dictionary<string, string> Map(string indexBody, params (string Name, string Text)[] files)
    {
        var map = new Dictionary<string, string> { ["index.xml"] = Index(indexBody), ["v.xml"] = Vendors, ["f.xml"] = Features };
        foreach (var (name, text) in files)
        {
            map[name] = text;
        }

        return map;
    }

    private static string Model(string body, string name = "M") => $"<cpus>\n  <model name='{name}'>\n    {body}\n  </model>\n</cpus>\n";

    [Fact]
    public void Files_load_vendors_then_features_then_models_each_in_document_order()
    {
        var map = Map(
            "<feature name='direct'><cpuid eax_in='7' ebx='1'/></feature>\n<include filename='v.xml'/><include filename='mixed.xml'/>",
            ("mixed.xml", "<cpus><model name='A'><decode host='on' guest='on'/><feature name='late'/></model><feature name='late'><cpuid eax_in='2' eax='1'/></feature><model name='B'><decode host='on' guest='off'/></model></cpus>"));

        var read = Read(map);

        Assert.Empty(read.Diagnostics);
        Assert.Equal(["Compat", "Feature direct", "Vendor Intel", "Feature late", "Model A", "Model B"], read.Declarations.Select(Describe));
        var loaded = CpuMapLoader.Bind(read, "map");
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
    }

    private static string Describe(Declaration d) => d switch
    {
        CompatDeclaration => "Compat",
        VendorDeclaration v => "Vendor " + v.Name,
        FeatureDeclaration f => "Feature " + f.Name,
        ModelDeclaration m => "Model " + m.Name,
        _ => d.GetType().Name,
    };

    [Fact]
    public void Groups_make_an_11_map_and_only_named_groups_count()
    {
        var map = Map(
            "<include filename='v.xml'/><include filename='f.xml'/>\n<group name='g'><include filename='a.xml'/></group>\n<group><include filename='b.xml'/></group>",
            ("a.xml", Model("<decode host='on' guest='on'/>", "A")),
            ("b.xml", Model("<decode host='on' guest='on'/>", "B")));

        var read = Read(map);
        var as9 = Read(map, LibvirtGeneration.Libvirt9);

        Assert.Equal(LibvirtGeneration.Libvirt11, read.Generation);
        Assert.Equal(["A"], read.Declarations.OfType<ModelDeclaration>().Select(m => m.Name.Name));
        Assert.Equal("11.3.0", read.Declarations.OfType<CompatDeclaration>().Single().LibvirtVersion);
        Assert.Equal(LibvirtGeneration.Libvirt9, as9.Generation);
        Assert.Empty(as9.Declarations.OfType<ModelDeclaration>());
    }

    [Fact]
    public void Numbers_use_the_c_automatic_base()
    {
        var map = Map("<include filename='n.xml'/>", ("n.xml", "<cpus><feature name='a'><cpuid eax_in='010' ecx_in='0x10' ebx='16'/><msr index='0x10a' eax='0' edx='0X8'/></feature></cpus>"));

        var feature = Read(map).Declarations.OfType<FeatureDeclaration>().Single();

        Assert.Equal([DataKey.Cpuid(8, 16), DataKey.Msr(0x10a)], feature.Bits.Select(b => b.Key));
        Assert.Equal(new Registers(0, 16, 0, 0), feature.Bits[0].Mask);
        Assert.Equal(new Registers(0, 0, 0, 8), feature.Bits[1].Mask);
    }

    [Fact]
    public void The_9_generation_ignores_check_and_added()
    {
        var map = Map(
            "<include filename='v.xml'/><include filename='f.xml'/><include filename='m.xml'/>",
            ("m.xml", Model("<check partial='whatever'/><decode host='on' guest='on'/><feature name='fpu' added='yes'/><feature name='vme' removed='no'/>")));

        var model = Read(map).Declarations.OfType<ModelDeclaration>().Single();

        Assert.False(model.CompatCheck);
        Assert.Equal([ModelFeatureKind.Include, ModelFeatureKind.Include], model.Features.Select(f => f.Kind));
    }

    [Fact]
    public void Signature_steppings_parse_ranges_and_exclusions()
    {
        var map = Map("<include filename='m.xml'/>", ("m.xml", Model("<decode host='on' guest='on'/><signature family='6' model='85' stepping='0-4, 7,^2'/><signature family='6' model='1'/>")));

        var model = Read(map).Declarations.OfType<ModelDeclaration>().Single();

        Assert.Equal([(ushort?)0b1001_1011, null], model.Signatures.Select(s => s.Steppings));
    }

    public static TheoryData<string, string, string, int, int> BrokenModels => new()
    {
        { "no decode", "<vendor name='Intel'/>", LibvirtCodes.MissingElement, 2, 3 },
        { "bad decode", "<decode host='maybe' guest='on'/>", LibvirtCodes.InvalidValue, 3, 13 },
        { "decode without guest", "<decode host='on'/>", LibvirtCodes.MissingAttribute, 3, 5 },
        { "bad stepping", "<decode host='on' guest='on'/><signature family='6' model='1' stepping='3-1'/>", LibvirtCodes.InvalidStepping, 3, 67 },
        { "stepping too big", "<decode host='on' guest='on'/><signature family='6' model='1' stepping='16'/>", LibvirtCodes.InvalidStepping, 3, 67 },
        { "family not a number", "<decode host='on' guest='on'/><signature family='six' model='1'/>", LibvirtCodes.InvalidNumber, 3, 46 },
        { "signature without model", "<decode host='on' guest='on'/><signature family='6'/>", LibvirtCodes.MissingAttribute, 3, 35 },
        { "vendor without name", "<decode host='on' guest='on'/><vendor/>", LibvirtCodes.MissingAttribute, 3, 35 },
        { "ancestor without name", "<decode host='on' guest='on'/><model/>", LibvirtCodes.MissingAttribute, 3, 35 },
        { "feature without name", "<decode host='on' guest='on'/><feature removed='yes'/>", LibvirtCodes.MissingAttribute, 3, 35 },
        { "bad removed", "<decode host='on' guest='on'/><feature name='fpu' removed='1'/>", LibvirtCodes.InvalidValue, 3, 55 },
        { "bad check", "<check partial='full'/><decode host='on' guest='on'/>", LibvirtCodes.InvalidValue, 3, 12 },
        { "check without partial", "<check/><decode host='on' guest='on'/>", LibvirtCodes.MissingAttribute, 3, 5 },
    };

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void Broken_models_are_reported_at_their_place_and_left_out(string why, string body, string code, int line, int column)
    {
        var map = Map("<include filename='v.xml'/><include filename='f.xml'/><include filename='m.xml'/>", ("m.xml", Model(body)));

        var read = Read(map, LibvirtGeneration.Libvirt11);

        var error = Assert.Single(read.Diagnostics);
        Assert.True(code == error.Code, $"{why}: {error}");
        Assert.Equal(("map/m.xml", line, column), (error.Span.File.Replace('\\', '/'), error.Span.Line, error.Span.Column));
        Assert.Empty(read.Declarations.OfType<ModelDeclaration>());
        Assert.Null(CpuMapLoader.Bind(read, "map").Database);
    }

    public static TheoryData<string, Dictionary<string, string>, string, string> BrokenMaps => new()
    {
        { "no index", new Dictionary<string, string>(), LibvirtCodes.FileNotReadable, "map/index.xml" },
        { "malformed index", new Dictionary<string, string> { ["index.xml"] = "<cpus>\n  <arch name='x86'>\n</cpus>" }, LibvirtCodes.MalformedXml, "map/index.xml:3:3" },
        { "wrong root", new Dictionary<string, string> { ["index.xml"] = "<map/>" }, LibvirtCodes.UnexpectedRoot, "map/index.xml:1:1" },
        { "arch without name", new Dictionary<string, string> { ["index.xml"] = "<cpus>\n  <arch/>\n</cpus>" }, LibvirtCodes.MissingAttribute, "map/index.xml:2:3" },
        { "include without filename", Map("<include/>"), LibvirtCodes.MissingAttribute, "map/index.xml:3:1" },
        { "missing include", Map("<include filename='nope.xml'/>"), LibvirtCodes.FileNotReadable, "map/index.xml:3:1" },
        { "malformed include", Map("<include filename='x.xml'/>", ("x.xml", "<cpus><feature></cpus>")), LibvirtCodes.MalformedXml, "map/x.xml:1:18" },
        { "vendor without string", Map("<include filename='x.xml'/>", ("x.xml", "<cpus><vendor name='Intel'/></cpus>")), LibvirtCodes.MissingAttribute, "map/x.xml:1:7" },
        { "feature without name", Map("<include filename='x.xml'/>", ("x.xml", "<cpus><feature><cpuid eax_in='1'/></feature></cpus>")), LibvirtCodes.MissingAttribute, "map/x.xml:1:7" },
        { "cpuid without eax_in", Map("<include filename='x.xml'/>", ("x.xml", "<cpus><feature name='a'><cpuid eax='1'/></feature></cpus>")), LibvirtCodes.MissingAttribute, "map/x.xml:1:25" },
        { "msr without edx", Map("<include filename='x.xml'/>", ("x.xml", "<cpus><feature name='a'><msr index='1' eax='1'/></feature></cpus>")), LibvirtCodes.MissingAttribute, "map/x.xml:1:25" },
    };

    [Theory]
    [MemberData(nameof(BrokenMaps))]
    public void Broken_maps_are_errors_with_locations(string why, Dictionary<string, string> files, string code, string location)
    {
        var read = Read(files);

        var error = read.Diagnostics.First(d => d.IsError);
        Assert.True(code == error.Code, $"{why}: {error}");
        Assert.Equal(location, error.Span.ToString().Replace('\\', '/'));
    }

    [Fact]
    public void Unknown_and_repeated_arch_elements_are_warnings()
    {
        var files = new Dictionary<string, string> { ["index.xml"] = "<cpus><arch name='s390'/><arch name='ppc64'/><arch name='ppc64'/></cpus>" };

        var read = Read(files);

        Assert.Equal([LibvirtCodes.UnknownMapArch, LibvirtCodes.DuplicateArch], read.Diagnostics.Select(d => d.Code));
        Assert.False(read.HasErrors);
    }

    [Fact]
    public void Using_a_feature_before_its_file_is_loaded_is_a_binding_error()
    {
        var map = Map("<include filename='v.xml'/><include filename='m.xml'/><include filename='f.xml'/>", ("m.xml", Model("<decode host='on' guest='on'/><feature name='fpu'/>")));

        var loaded = CpuMapLoader.Bind(Read(map), "map");

        Assert.Null(loaded.Database);
        Assert.Contains(loaded.Diagnostics, d => d.Code == BindingCodes.UsedBeforeDeclared);
    }

    [Fact]
    public void Ppc64_and_arm_sections_read_their_own_shapes()
    {
        var files = new Dictionary<string, string>
        {
            ["index.xml"] = "<cpus><arch name='ppc64'><include filename='p.xml'/></arch><arch name='arm'><include filename='a.xml'/></arch></cpus>",
            ["p.xml"] = "<cpus><vendor name='IBM' string='ignored'/><model name='P'><vendor name='IBM'/><pvr value='0x004b0000' mask='0xffff0000'/></model><model name='Q'><vendor name='IBM'/></model></cpus>",
            ["a.xml"] = "<cpus><vendor name='ARM' value='41'/><feature name='sve'/><model name='A'><pvr value='0xd07'/></model></cpus>",
        };

        var read = Read(files);

        Assert.Equal([LibvirtCodes.MissingElement], read.Diagnostics.Select(d => d.Code));
        Assert.Equal(new PvrSyntax(0x004b0000, 0xffff0000, default), read.Declarations.OfType<ModelDeclaration>().First().Pvrs[0] with { Span = default });
        Assert.Equal(0x41u, read.Declarations.OfType<VendorDeclaration>().Single(v => v.Arch == ArchFamily.Arm).Value);
        Assert.Null(read.Declarations.OfType<VendorDeclaration>().Single(v => v.Arch == ArchFamily.Ppc64).CpuidString);
    }

    [Fact]
    public void Nameless_aliases_and_unusual_include_roots_are_warnings_and_still_read()
    {
        var map = Map("<include filename='x.xml'/>", ("x.xml", "<features><feature name='a'><alias source='qemu'/><alias name='b' source='qemu'/><cpuid eax_in='1' ecx='1'/></feature></features>"));

        var read = Read(map);

        Assert.Equal([LibvirtCodes.UnusualIncludeRoot, LibvirtCodes.AliasWithoutName], read.Diagnostics.Select(d => d.Code));
        var feature = read.Declarations.OfType<FeatureDeclaration>().Single();
        Assert.Equal(["b"], feature.Aliases.Select(a => a.Name));
    }
}
