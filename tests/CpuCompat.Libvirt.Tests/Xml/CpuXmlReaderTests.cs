using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Xml;

public sealed class CpuXmlReaderTests
{
    private static CpuDefinition Parse(string text, CpuXmlType type = CpuXmlType.Auto, LibvirtGeneration generation = LibvirtGeneration.Libvirt11)
    {
        var result = CpuXmlReader.Read(text, "cpu.xml", type, generation);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Cpu;
    }

    [Fact]
    public void A_guest_keeps_every_attribute_and_child()
    {
        var cpu = Parse("""
            <cpu mode='custom' match='minimum' check='partial' deprecated_features='off'>
              <model fallback='forbid' vendor_id='AuthenticAMD'>EPYC</model>
              <vendor>AMD</vendor>
              <topology sockets='2' dies='3' clusters='4' cores='5' threads='2'/>
              <cache level='3' mode='emulate'/>
              <maxphysaddr mode='passthrough' bits='42' limit='39'/>
              <feature policy='disable' name='monitor'/>
              <feature name='x2apic'/>
            </cpu>
            """);

        Assert.Equal(CpuType.Guest, cpu.Type);
        Assert.Equal((CpuMode.Custom, CpuMatch.Minimum, CpuCheck.Partial, CpuFallback.Forbid), (cpu.Mode!.Value, cpu.Match, cpu.Check, cpu.Fallback));
        Assert.Equal(("EPYC", "AMD", "AuthenticAMD"), (cpu.Model, cpu.Vendor, cpu.VendorId));
        Assert.False(cpu.DeprecatedFeatures);
        Assert.Equal(new CpuTopology(2, 3, 4, 5, 2), cpu.Topology);
        Assert.Equal(new CpuCache(3, "emulate"), cpu.Cache);
        Assert.Equal(new CpuMaxPhysAddr("passthrough", 42, 39), cpu.MaxPhysAddr);
        Assert.Equal([new CpuFeature("monitor", FeaturePolicy.Disable), new CpuFeature("x2apic", FeaturePolicy.Require)], cpu.Features);
    }

    [Fact]
    public void A_host_has_no_mode_and_no_feature_policies()
    {
        var cpu = Parse("""
            <cpu>
              <arch>x86_64</arch>
              <model>Skylake-Client</model>
              <vendor>Intel</vendor>
              <microcode version='226'/>
              <signature family='6' model='94' stepping='3'/>
              <counter name='tsc' frequency='3504000000' scaling='no'/>
              <feature name='vmx' policy='disable'/>
            </cpu>
            """);

        Assert.Equal(CpuType.Host, cpu.Type);
        Assert.Null(cpu.Mode);
        Assert.Equal("x86_64", cpu.Arch);
        Assert.Equal(226u, cpu.Microcode);
        Assert.Equal(new CpuSignature(6, 94, 3), cpu.Signature);
        Assert.Equal(new TscCounter(3504000000, false), cpu.Tsc);
        Assert.Equal([new CpuFeature("vmx", null)], cpu.Features);
    }

    [Fact]
    public void Defaults_and_empty_text()
    {
        var cpu = Parse("<cpu><model fallback='forbid'/><topology sockets='1' cores='2' threads='1'/></cpu>");

        Assert.Equal((CpuMode.Custom, CpuMatch.Exact, CpuCheck.Default), (cpu.Mode!.Value, cpu.Match, cpu.Check));
        Assert.Null(cpu.Model);
        Assert.Equal(CpuFallback.Forbid, cpu.Fallback);
        Assert.Equal(new CpuTopology(1, 1, 1, 2, 1), cpu.Topology);
    }

    [Fact]
    public void Generation_9_ignores_clusters_deprecated_features_and_limit()
    {
        const string text = "<cpu mode='host-passthrough' deprecated_features='bogus'><topology sockets='1' clusters='0' cores='2' threads='1'/><maxphysaddr mode='emulate' limit='x'/></cpu>";

        var cpu = Parse(text, generation: LibvirtGeneration.Libvirt9);

        Assert.Null(cpu.DeprecatedFeatures);
        Assert.Equal(new CpuTopology(1, 1, 1, 2, 1), cpu.Topology);
        Assert.Equal(new CpuMaxPhysAddr("emulate", null, null), cpu.MaxPhysAddr);
        Assert.False(CpuXmlReader.Read(text, "cpu.xml", CpuXmlType.Auto, LibvirtGeneration.Libvirt11).Succeeded);
    }

    [Fact]
    public void Requested_type_overrides_the_arch_rule()
    {
        Assert.Equal(CpuType.Guest, Parse("<cpu><arch>x86_64</arch><model>Penryn</model></cpu>", CpuXmlType.Guest).Type);
        Assert.Equal(CpuType.Host, Parse("<cpu><arch>x86_64</arch><model>Penryn</model></cpu>", CpuXmlType.Host).Type);
    }

    public static TheoryData<string, CpuXmlType, string, int, int> Errors => new()
    {
        { "<cpu mode='weird'/>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 1, 6 },
        { "<cpu mode='custom'>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.AttributeNotAllowed, 1, 6 },
        { "<cpu match='exact'>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.AttributeNotAllowed, 1, 6 },
        { "<cpu match='exact'>\n  <model>Penryn</model>\n</cpu>", CpuXmlType.Host, LibvirtCodes.MissingElement, 1, 1 },
        { "<cpu>\n  <arch>ia65</arch>\n  <model>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.UnknownArch, 2, 3 },
        { "<cpu>\n  <arch>x86_64</arch>\n  <model></model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.MissingElement, 3, 3 },
        { "<cpu match='best'/>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 1, 6 },
        { "<cpu check='always'/>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 1, 6 },
        { "<cpu migratable='on'>\n  <model>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.AttributeNotAllowed, 1, 6 },
        { "<cpu mode='host-passthrough' migratable='yes'/>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 1, 30 },
        { "<cpu>\n  <model fallback='never'>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 2, 10 },
        { "<cpu>\n  <model vendor_id='Intel'>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidVendorId, 2, 10 },
        { "<cpu>\n  <model vendor_id='Genuine,ntel'>Penryn</model>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidVendorId, 2, 10 },
        { "<cpu>\n  <vendor>Intel</vendor>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.VendorWithoutModel, 2, 3 },
        { "<cpu>\n  <topology cores='2' threads='1'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.MissingAttribute, 2, 3 },
        { "<cpu>\n  <topology sockets='1' cores='0' threads='1'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidNumber, 2, 25 },
        { "<cpu>\n  <topology sockets='1' dies='0' cores='1' threads='1'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidNumber, 2, 25 },
        { "<cpu>\n  <feature name='vmx'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.FeaturesWithoutModel, 2, 3 },
        { "<cpu>\n  <model>Penryn</model>\n  <feature policy='maybe' name='vmx'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 3, 12 },
        { "<cpu>\n  <model>Penryn</model>\n  <feature policy='require'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.MissingAttribute, 3, 3 },
        { "<cpu>\n  <model>Penryn</model>\n  <feature name='vmx'/>\n  <feature name='vmx' policy='disable'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.DuplicateCpuFeature, 4, 3 },
        { "<cpu>\n  <cache mode='emulate'/>\n  <cache mode='disable'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.TooManyCaches, 3, 3 },
        { "<cpu>\n  <cache level='4' mode='emulate'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidNumber, 2, 10 },
        { "<cpu>\n  <cache level='1'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.MissingAttribute, 2, 3 },
        { "<cpu>\n  <maxphysaddr mode='emulate' limit='39'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.AttributeNotAllowed, 2, 31 },
        { "<cpu>\n  <maxphysaddr mode='fake'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidValue, 2, 16 },
        { "<cpu>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n  <signature family='0' model='1' stepping='1'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidNumber, 4, 14 },
        { "<cpu>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n  <microcode version='-1'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.InvalidNumber, 4, 14 },
        { "<cpu>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n  <counter name='tsc'/>\n</cpu>", CpuXmlType.Auto, LibvirtCodes.MissingAttribute, 4, 3 },
        { "<domain/>", CpuXmlType.Auto, LibvirtCodes.NotCpuElement, 1, 1 },
        { "<cpu>\n  <model>Penryn</cpu>", CpuXmlType.Auto, LibvirtCodes.MalformedXml, 2, 18 },
        { "", CpuXmlType.Auto, LibvirtCodes.MalformedXml, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Invalid_definitions_fail_with_one_located_message(string text, CpuXmlType type, string code, int line, int column)
    {
        var result = CpuXmlReader.Read(text, "bad.xml", type, LibvirtGeneration.Libvirt11);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(("bad.xml", line, column), (result.Error.Span.File, result.Error.Span.Line, result.Error.Span.Column));
        Assert.Matches(@"[.]$", result.Error.Message);
    }
}
