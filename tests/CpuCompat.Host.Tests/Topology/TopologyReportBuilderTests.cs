using CpuCompat.Core.Cpu;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.Host.Topology;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Topology;

public sealed class TopologyReportBuilderTests
{
    private static readonly HostTopology EightWay = new(2, 1, 1, 2, 2, 8, CpuSet.Of(Enumerable.Range(0, 8)), 2, null);

    [Fact]
    public void The_intel_fixture_has_2_sockets_of_2_cores_of_2_threads()
    {
        var report = TopologyReportBuilder.Build(HostFixtures.Environment(HostFixtures.Intel));

        Assert.Equal(EightWay, report.Host);
        Assert.True(report.Host.Uniform);
        Assert.Equal(8, report.MaxVcpusWithoutOvercommit);
        Assert.Null(report.Guest);
    }

    [Fact]
    public void Clusters_are_counted_where_the_kernel_knows_them() =>
        Assert.Equal((1, 1, 2, 2, 2), Counts(TopologyReportBuilder.Build(HostFixtures.Environment(HostFixtures.Amd)).Host));

    private static (int, int, int, int, int) Counts(HostTopology h) => (h.Sockets, h.DiesPerSocket, h.ClustersPerDie, h.CoresPerCluster, h.ThreadsPerCore);

    [Fact]
    public void A_guest_within_the_host_fits()
    {
        var check = TopologyReportBuilder.Check(EightWay, new GuestTopologyRequest(new CpuTopology(1, 1, 1, 2, 2), 4, "g"));

        Assert.True(check.Fits);
        Assert.All(check.Findings, f => Assert.NotEqual(FindingSeverity.Error, f.Severity));
    }

    [Fact]
    public void Too_many_vcpus_overcommit()
    {
        var check = TopologyReportBuilder.Check(EightWay, new GuestTopologyRequest(null, 12, "g"));

        Assert.False(check.Fits);
        Assert.Contains(check.Findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("overcommit", StringComparison.Ordinal));
    }

    [Fact]
    public void More_threads_per_core_than_the_host_does_not_fit()
    {
        var check = TopologyReportBuilder.Check(EightWay, new GuestTopologyRequest(new CpuTopology(1, 1, 1, 1, 4), null, "g"));

        Assert.False(check.Fits);
        Assert.Contains(check.Findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("threads per core", StringComparison.Ordinal));
    }

    [Fact]
    public void A_topology_that_disagrees_with_vcpu_is_a_warning()
    {
        var check = TopologyReportBuilder.Check(EightWay, new GuestTopologyRequest(new CpuTopology(1, 1, 1, 2, 1), 4, "g"));

        Assert.True(check.Fits);
        Assert.Contains(check.Findings, f => f.Severity == FindingSeverity.Warning && f.Message.Contains("<vcpu> is 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Big_guest_sockets_and_kvm_limits_are_reported()
    {
        var host = EightWay with { KvmMaxVcpus = 4 };
        var check = TopologyReportBuilder.Check(host, new GuestTopologyRequest(new CpuTopology(1, 1, 1, 4, 2), 8, "g"));

        Assert.False(check.Fits);
        Assert.Contains(check.Findings, f => f.Message.Contains("KVM's limit of 4", StringComparison.Ordinal));
        Assert.Contains(check.Findings, f => f.Severity == FindingSeverity.Warning && f.Message.Contains("span host sockets", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_host_cannot_be_checked_and_does_not_throw()
    {
        using var tree = new TempTree();
        var report = TopologyReportBuilder.Build(HostEnvironment.ForRoot(tree.Path), new GuestTopologyRequest(null, 2, "g"));

        Assert.Equal(HostTopology.Unknown, report.Host);
        Assert.False(report.Guest!.Fits);
        Assert.NotEmpty(report.Notes);
    }

    [Fact]
    public void Hosts_whose_counts_do_not_multiply_out_are_noted()
    {
        using var tree = new TempTree()
            .File("/sys/devices/system/cpu/present", "0-2\n")
            .File("/sys/devices/system/cpu/online", "0-2\n")
            .File("/sys/devices/system/cpu/cpu0/topology/core_id", "0\n")
            .File("/sys/devices/system/cpu/cpu1/topology/core_id", "1\n")
            .File("/sys/devices/system/cpu/cpu2/topology/core_id", "1\n")
            .File("/sys/devices/system/cpu/cpu1/topology/thread_siblings_list", "1-2\n")
            .File("/sys/devices/system/cpu/cpu2/topology/thread_siblings_list", "1-2\n");

        var report = TopologyReportBuilder.Build(HostEnvironment.ForRoot(tree.Path));

        Assert.False(report.Host.Uniform);
        Assert.Contains(report.Notes, n => n.Source == "host topology");
    }

    [Fact]
    public void This_machine_has_at_least_one_online_cpu()
    {
        var report = TopologyReportBuilder.Build(HostEnvironment.Live());
        Assert.SkipUnless(report.Host.IsKnown, "this machine's /sys/devices/system/cpu is not readable");
        Assert.InRange(report.MaxVcpusWithoutOvercommit, 1, report.Host.OnlineCpus);
    }
}
