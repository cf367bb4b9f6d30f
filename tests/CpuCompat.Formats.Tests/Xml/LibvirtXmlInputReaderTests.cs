using CpuCompat.Core.Cpu;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Formats.Tests.Xml;

/// <summary>The libvirt XML kinds through the unified reader: capabilities, domains and domain capabilities give CPU definitions.</summary>
public sealed class LibvirtXmlInputReaderTests
{
    [Theory]
    [InlineData("xml/capabilities.xml", "Skylake-Server-IBRS", CpuType.Host)]
    [InlineData("xml/domain.xml", "Skylake-Client-IBRS", CpuType.Guest)]
    [InlineData("xml/domcapabilities.xml", "EPYC-Rome", CpuType.Guest)]
    public void Libvirt_documents_give_cpu_definitions(string fixture, string model, CpuType type)
    {
        var input = CpuInputReader.Read(Samples.ReadFixture(fixture), fixture, InputFormat.Auto, Samples.Engine);

        Assert.False(input.HasErrors, string.Join("\n", input.Diagnostics));
        var cpu = Assert.Single(input.Cpus);
        Assert.Equal(model, cpu.Model);
        Assert.Equal(type, cpu.Type);
        Assert.False(input.IsRawData);
    }

    [Fact]
    public void Domain_capabilities_read_as_host_give_the_host_cpu_it_describes()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("xml/domcapabilities.xml"), "dc.xml", InputFormat.DomCapabilities, Samples.Engine, CpuXmlType.Host);

        var cpu = Assert.Single(input.Cpus);
        Assert.Equal(CpuType.Host, cpu.Type);
        Assert.Equal(["x2apic", "hypervisor"], cpu.Features.Select(f => f.Name));
    }

    [Fact]
    public void A_forced_document_kind_needs_its_root_element()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("xml/capabilities.xml"), "caps.xml", InputFormat.Domain, Samples.Engine);

        var error = Assert.Single(input.Diagnostics, d => d.IsError);
        Assert.Equal(FormatCodes.WrongXmlRoot, error.Code);
        Assert.Equal("caps.xml:1:1", error.Span.ToString());
        Assert.Contains("--input-format capabilities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_accepts_every_libvirt_document_kind_without_a_warning()
    {
        var input = CpuInputReader.Read(Samples.ReadFixture("xml/domain.xml"), "d.xml", InputFormat.Cpu, Samples.Engine);

        Assert.Empty(input.Diagnostics);
        Assert.Single(input.Cpus);
    }
}
