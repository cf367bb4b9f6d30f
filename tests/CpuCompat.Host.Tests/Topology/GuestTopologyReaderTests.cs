using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Topology;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Topology;

public sealed class GuestTopologyReaderTests
{
    private static GuestTopologyReadResult Read(string text) => GuestTopologyReader.Read(text, "guest.xml", LibvirtGeneration.Libvirt11);

    [Fact]
    public void A_domain_gives_its_vcpu_count_and_topology()
    {
        var result = Read("""
            <domain type='kvm'>
              <name>web</name>
              <vcpu placement='static' current='2'>4</vcpu>
              <cpu mode='host-model'>
                <topology sockets='1' dies='1' clusters='1' cores='2' threads='2'/>
              </cpu>
            </domain>
            """);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(new GuestTopologyRequest(new CpuTopology(1, 1, 1, 2, 2), 4, "guest.xml"), result.Request);
    }

    [Fact]
    public void A_domain_without_cpu_has_only_a_vcpu_count()
    {
        var result = Read("<domain type='kvm'><vcpu>3</vcpu></domain>");
        Assert.Equal((null, 3, 3L), (result.Request!.Topology, result.Request.Vcpus, result.Request.TotalVcpus));
    }

    [Fact]
    public void A_bare_cpu_gives_its_topology_and_the_product_as_vcpus()
    {
        var result = Read("<cpu><topology sockets='2' cores='4' threads='2'/></cpu>");
        Assert.Equal((16L, (int?)null), (result.Request!.TotalVcpus, result.Request.Vcpus));
    }

    [Theory]
    [InlineData("<domain><vcpu>zero</vcpu></domain>", HostCodes.GuestInvalidVcpus)]
    [InlineData("<domain><vcpu>0</vcpu></domain>", HostCodes.GuestInvalidVcpus)]
    [InlineData("<network/>", HostCodes.GuestUnreadable)]
    [InlineData("<domain>", HostCodes.GuestUnreadable)]
    public void Unusable_files_give_one_diagnostic(string text, string code)
    {
        var result = Read(text);
        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal("guest.xml", result.Error.Span.File);
    }

    [Fact]
    public void A_topology_libvirt_rejects_is_reported_with_libvirts_error()
    {
        var result = Read("<cpu><topology sockets='0' cores='1' threads='1'/></cpu>");
        Assert.False(result.Succeeded);
        Assert.StartsWith("CC4", result.Error.Code, StringComparison.Ordinal);
    }
}
