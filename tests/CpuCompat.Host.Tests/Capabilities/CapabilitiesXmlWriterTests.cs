using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Capabilities;

/// <summary>The whole document of each fixture against its golden file (<c>Golden/</c>; rewrite with CPUCOMPAT_UPDATE_GOLDEN=1).</summary>
public sealed class CapabilitiesXmlWriterTests
{
    [Theory]
    [InlineData(HostFixtures.Intel, HypervisorDriver.Qemu)]
    [InlineData(HostFixtures.Intel, HypervisorDriver.Lxc)]
    [InlineData(HostFixtures.Amd, HypervisorDriver.Qemu)]
    [InlineData(HostFixtures.Amd, HypervisorDriver.Xen)]
    [InlineData(HostFixtures.Container, HypervisorDriver.Qemu)]
    public void Documents_match_their_golden_files(string fixture, HypervisorDriver driver)
    {
        var document = CapabilitiesBuilder.Build(HostFixtures.Environment(fixture), driver, HostFixtures.Engine());
        Golden.Match(CapabilitiesXmlWriter.Format(document), $"{fixture}.{driver.Name()}.xml");
    }

    [Fact]
    public void Libvirt_11_format_adds_clusters_to_the_topology_and_cluster_ids_to_cell_cpus()
    {
        var xml = CapabilitiesXmlWriter.Format(CapabilitiesBuilder.Build(HostFixtures.Environment(HostFixtures.Amd), HypervisorDriver.Qemu, HostFixtures.Engine(LibvirtGeneration.Libvirt11)));

        Assert.Contains("<topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>", xml, StringComparison.Ordinal);
        Assert.Contains("<cpu id='2' socket_id='0' die_id='0' cluster_id='1' core_id='2' siblings='2,6'/>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_appear_in_libvirts_order()
    {
        var xml = CapabilitiesXmlWriter.Format(CapabilitiesBuilder.Build(HostFixtures.Environment(HostFixtures.Intel), HypervisorDriver.Qemu, HostFixtures.Engine()));
        string[] order = ["<uuid>", "<cpu>", "<arch>", "<model>", "<feature ", "<pages unit='KiB' size='4'/>", "</cpu>", "<power_management>", "<iommu", "<migration_features>", "<topology>", "<cache>", "<secmodel>", "</host>", "<guest>"];
        var positions = order.Select(tag => xml.IndexOf(tag, StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.StartsWith("<capabilities>\n\n  <host>\n", xml, StringComparison.Ordinal);
        Assert.EndsWith("  </guest>\n\n</capabilities>\n", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void This_machines_document_is_built_without_throwing()
    {
        var document = CapabilitiesBuilder.Build(HostEnvironment.Live(), HypervisorDriver.Qemu, HostFixtures.Engine());
        var xml = CapabilitiesXmlWriter.Format(document);

        Assert.StartsWith("<capabilities>", xml, StringComparison.Ordinal);
        if (Host.Cpuid.LiveCpuid.IsSupported)
        {
            Assert.NotNull(document.Host.Cpu?.Model);
        }
    }
}
