using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Xml;

public sealed class CpuXmlReaderDocumentTests
{
    private const LibvirtGeneration V11 = LibvirtGeneration.Libvirt11;

    private const string Capabilities = """
        <capabilities>
          <host>
            <uuid>0</uuid>
            <cpu>
              <arch>x86_64</arch>
              <model>Skylake-Client-IBRS</model>
              <vendor>Intel</vendor>
              <feature name='ss'/>
              <pages unit='KiB' size='4'/>
            </cpu>
            <topology><cells num='1'><cell id='0'><cpus num='1'><cpu id='0' socket_id='0'/></cpus></cell></cells></topology>
          </host>
        </capabilities>
        """;

    private const string DomainCapabilities = """
        <domainCapabilities>
          <arch>x86_64</arch>
          <cpu>
            <mode name='host-passthrough' supported='yes'/>
            <mode name='host-model' supported='yes'>
              <model fallback='forbid'>Skylake-Client</model>
              <vendor>Intel</vendor>
              <feature policy='require' name='ss'/>
              <feature policy='disable' name='hle'/>
            </mode>
            <mode name='custom' supported='yes'><model usable='yes'>qemu64</model></mode>
          </cpu>
        </domainCapabilities>
        """;

    [Fact]
    public void Baseline_inputs_are_read_as_hosts()
    {
        var result = CpuXmlReader.ReadDocument(LibvirtTestFiles.Read("11.3.0", "x86_64-baseline-no-vendor.xml"), "b.xml", V11);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Penryn", "Opteron_G3"], result.Cpus.Select(c => c.Model));
        Assert.All(result.Cpus, c => Assert.Equal(CpuType.Host, c.Type));
    }

    [Fact]
    public void A_domain_gives_its_guest_cpu()
    {
        const string domain = "<domain type='kvm'><name>vm</name><cpu mode='host-model' check='partial'/><devices/></domain>";

        var cpu = Assert.Single(CpuXmlReader.ReadDocument(domain, "d.xml", V11).Cpus);

        Assert.Equal((CpuType.Guest, CpuMode.HostModel, CpuCheck.Partial), (cpu.Type, cpu.Mode!.Value, cpu.Check));
    }

    [Fact]
    public void Capabilities_give_the_host_cpu_and_not_the_topology_cpus()
    {
        var cpu = Assert.Single(CpuXmlReader.ReadDocument(Capabilities, "c.xml", V11).Cpus);

        Assert.Equal((CpuType.Host, "Skylake-Client-IBRS", "Intel"), (cpu.Type, cpu.Model, cpu.Vendor));
        Assert.Equal([new CpuFeature("ss", null)], cpu.Features);
    }

    [Fact]
    public void Domain_capabilities_give_the_host_model_as_virsh_hands_it_on()
    {
        var cpu = Assert.Single(CpuXmlReader.ReadDocument(DomainCapabilities, "dc.xml", V11).Cpus);

        Assert.Equal((CpuType.Guest, CpuMode.Custom, CpuFallback.Forbid), (cpu.Type, cpu.Mode!.Value, cpu.Fallback));
        Assert.Equal(("Skylake-Client", "Intel"), (cpu.Model, cpu.Vendor));
        Assert.Equal([new CpuFeature("ss", FeaturePolicy.Require), new CpuFeature("hle", FeaturePolicy.Disable)], cpu.Features);
    }

    [Fact]
    public void Domain_capabilities_read_as_a_host_keep_the_required_features_and_the_arch()
    {
        var cpu = Assert.Single(CpuXmlReader.ReadAllCpus(DomainCapabilities, "dc.xml", CpuXmlType.Host, V11).Cpus);

        Assert.Equal((CpuType.Host, "x86_64", "Skylake-Client", "Intel"), (cpu.Type, cpu.Arch, cpu.Model, cpu.Vendor));
        Assert.Null(cpu.Mode);
        Assert.Equal([new CpuFeature("ss", null)], cpu.Features);
    }

    [Fact]
    public void ReadAllCpus_finds_cpus_in_concatenated_documents_in_order()
    {
        var text = "<?xml version='1.0'?>\n" + Capabilities + "\n<cpu>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n</cpu>\n"
            + "<domain><cpu><model>Nehalem</model></cpu></domain>\n" + DomainCapabilities;

        var result = CpuXmlReader.ReadAllCpus(text, "all.xml", CpuXmlType.Auto, V11);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Skylake-Client-IBRS", "Penryn", "Nehalem", "Skylake-Client"], result.Cpus.Select(c => c.Model));
        Assert.Equal([CpuType.Host, CpuType.Host, CpuType.Guest, CpuType.Guest], result.Cpus.Select(c => c.Type));
    }

    [Fact]
    public void ReadAllCpus_reports_positions_in_the_original_text()
    {
        var text = "<?xml version='1.0'?>\n<cpu>\n  <model>Penryn</model>\n</cpu>\n<cpu mode='odd'/>\n";

        var result = CpuXmlReader.ReadAllCpus(text, "two.xml", CpuXmlType.Auto, V11);

        Assert.Equal(LibvirtCodes.InvalidValue, result.Error!.Code);
        Assert.Equal((5, 6), (result.Error.Span.Line, result.Error.Span.Column));
    }

    [Theory]
    [InlineData("<domain><name>x</name></domain>")]
    [InlineData("<cpuTest></cpuTest>")]
    [InlineData("<other/><more/>")]
    [InlineData("just text")]
    public void Documents_without_cpus_are_an_error(string text)
    {
        var all = CpuXmlReader.ReadAllCpus(text, "none.xml", CpuXmlType.Auto, V11);

        Assert.Equal(LibvirtCodes.NoCpuFound, all.Error!.Code);
    }

    [Fact]
    public void Unknown_roots_are_an_error_for_ReadDocument()
    {
        var result = CpuXmlReader.ReadDocument("<cpus/>", "x.xml", V11);

        Assert.Equal(LibvirtCodes.UnexpectedRoot, result.Error!.Code);
    }

    [Fact]
    public void ReadGuest_takes_a_cpu_or_the_first_cpu_of_a_domain_as_a_guest()
    {
        var fromCpu = CpuXmlReader.ReadGuest("<cpu><arch>x86_64</arch><model>Penryn</model></cpu>", "g.xml", V11);
        var fromDomain = CpuXmlReader.ReadGuest("<domain><cpu mode='host-passthrough'/><cpu mode='maximum'/></domain>", "d.xml", V11);
        var neither = CpuXmlReader.ReadGuest("<capabilities><host><cpu/></host></capabilities>", "c.xml", V11);

        Assert.Equal((CpuType.Guest, "Penryn"), (fromCpu.Cpu!.Type, fromCpu.Cpu.Model));
        Assert.Equal(CpuMode.HostPassthrough, fromDomain.Cpu!.Mode);
        Assert.Equal(LibvirtCodes.NoCpuFound, neither.Error!.Code);
        Assert.Equal(LibvirtCodes.NoCpuFound, CpuXmlReader.ReadGuest("<domain/>", "d.xml", V11).Error!.Code);
    }
}
