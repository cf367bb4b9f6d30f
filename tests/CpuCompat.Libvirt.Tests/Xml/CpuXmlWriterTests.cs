using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Xml;

public sealed class CpuXmlWriterTests
{
    private const LibvirtGeneration V9 = LibvirtGeneration.Libvirt9;
    private const LibvirtGeneration V11 = LibvirtGeneration.Libvirt11;

    [Fact]
    public void A_custom_guest_without_model_or_children_prints_nothing()
    {
        Assert.Equal("", CpuXmlWriter.Format(CpuDefinition.NewGuest(), V11));
    }

    [Fact]
    public void Only_topology_prints_a_bare_cpu()
    {
        var cpu = CpuDefinition.NewGuest() with { Topology = new CpuTopology(2, 1, 1, 4, 1) };

        Assert.Equal("<cpu>\n  <topology sockets='2' dies='1' cores='4' threads='1'/>\n</cpu>\n", CpuXmlWriter.Format(cpu, V9));
        Assert.Equal("<cpu>\n  <topology sockets='2' dies='1' clusters='1' cores='4' threads='1'/>\n</cpu>\n", CpuXmlWriter.Format(cpu, V11));
    }

    [Fact]
    public void Modes_other_than_custom_print_without_match()
    {
        Assert.Equal("<cpu mode='host-passthrough' check='none' migratable='off' deprecated_features='on'/>\n",
            CpuXmlWriter.Format(new CpuDefinition { Mode = CpuMode.HostPassthrough, Check = CpuCheck.None, Migratable = false, DeprecatedFeatures = true }, V11));
        Assert.Equal("<cpu mode='maximum' migratable='on'/>\n",
            CpuXmlWriter.Format(new CpuDefinition { Mode = CpuMode.Maximum, Migratable = true, DeprecatedFeatures = true }, V9));
        Assert.Equal("<cpu mode='host-model'/>\n", CpuXmlWriter.Format(new CpuDefinition { Mode = CpuMode.HostModel, Migratable = true }, V11));
    }

    [Fact]
    public void Guest_features_print_policy_first_and_vendor_id_after_fallback()
    {
        var cpu = CpuDefinition.NewGuest() with
        {
            Model = "Penryn",
            VendorId = "GenuineIntel",
            Fallback = CpuFallback.Forbid,
            Vendor = "Intel",
            Features = [new CpuFeature("vmx", FeaturePolicy.Disable), new CpuFeature("ss", FeaturePolicy.Require)],
        };

        Assert.Equal(
            "<cpu mode='custom' match='exact'>\n"
            + "  <model fallback='forbid' vendor_id='GenuineIntel'>Penryn</model>\n"
            + "  <vendor>Intel</vendor>\n"
            + "  <feature policy='disable' name='vmx'/>\n"
            + "  <feature policy='require' name='ss'/>\n"
            + "</cpu>\n",
            CpuXmlWriter.Format(cpu, V11));
    }

    [Fact]
    public void Decoded_hosts_print_model_vendor_and_host_only_children_in_order()
    {
        var cpu = CpuDefinition.NewHost("x86_64") with
        {
            Mode = CpuMode.Custom,
            Model = "Haswell-v2",
            Vendor = "Intel",
            Microcode = 0x28,
            Signature = new CpuSignature(6, 69, 1),
            Tsc = new TscCounter(2394000000, true),
            Cache = new CpuCache(null, "passthrough"),
            MaxPhysAddr = new CpuMaxPhysAddr("passthrough", 39, 39),
            Features = [new CpuFeature("vme", null)],
        };

        Assert.Equal(
            "<cpu>\n"
            + "  <arch>x86_64</arch>\n"
            + "  <model>Haswell-v2</model>\n"
            + "  <vendor>Intel</vendor>\n"
            + "  <microcode version='40'/>\n"
            + "  <signature family='6' model='69' stepping='1'/>\n"
            + "  <counter name='tsc' frequency='2394000000' scaling='yes'/>\n"
            + "  <cache mode='passthrough'/>\n"
            + "  <maxphysaddr mode='passthrough' bits='39' limit='39'/>\n"
            + "  <feature name='vme'/>\n"
            + "</cpu>\n",
            CpuXmlWriter.Format(cpu, V11));
    }

    [Fact]
    public void Parsed_hosts_have_no_mode_and_print_neither_model_nor_vendor()
    {
        var cpu = CpuDefinition.NewHost("x86_64") with { Model = "Penryn", Vendor = "Intel", Signature = new CpuSignature(0, 1, 2) };

        Assert.Equal("<cpu>\n  <arch>x86_64</arch>\n</cpu>\n", CpuXmlWriter.Format(cpu, V11));
    }

    [Fact]
    public void The_9_format_has_no_limit_and_no_deprecated_features()
    {
        var cpu = new CpuDefinition { Mode = CpuMode.HostPassthrough, DeprecatedFeatures = false, MaxPhysAddr = new CpuMaxPhysAddr("passthrough", null, 40) };

        Assert.Equal("<cpu mode='host-passthrough'>\n  <maxphysaddr mode='passthrough'/>\n</cpu>\n", CpuXmlWriter.Format(cpu, V9));
    }

    [Fact]
    public void Text_is_escaped()
    {
        var cpu = CpuDefinition.NewGuest() with { Model = "a<b>&'\"\u0001", Vendor = "V&V", Features = [new CpuFeature("x'y", FeaturePolicy.Force)] };

        var text = CpuXmlWriter.Format(cpu, V11);

        Assert.Contains("<model fallback='allow'>a&lt;b&gt;&amp;&apos;&quot;</model>", text, StringComparison.Ordinal);
        Assert.Contains("<vendor>V&amp;V</vendor>", text, StringComparison.Ordinal);
        Assert.Contains("<feature policy='force' name='x&apos;y'/>", text, StringComparison.Ordinal);
        var back = CpuXmlReader.Read(text, "t", CpuXmlType.Guest, V11);
        Assert.Equal("a<b>&'\"", back.Cpu!.Model);
    }
}
