using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Topology;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Output;

public sealed class TopologyWritersTests
{
    private static TopologyReport Report() =>
        TopologyReportBuilder.Build(HostFixtures.Environment(HostFixtures.Intel), new GuestTopologyRequest(new CpuTopology(1, 1, 1, 4, 4), 16, "big.xml"));

    [Fact]
    public void The_text_report_is_a_table_with_the_guest_verdict()
    {
        var text = TopologyText.Format(Report());

        Assert.Contains("  sockets                       2\n", text, StringComparison.Ordinal);
        Assert.Contains("  online CPUs                   8 (0-7)\n", text, StringComparison.Ordinal);
        Assert.Contains("  max vCPUs without overcommit  8\n", text, StringComparison.Ordinal);
        Assert.Contains("Guest big.xml\n", text, StringComparison.Ordinal);
        Assert.Contains("  fits                          no\n", text, StringComparison.Ordinal);
        Assert.Contains("  error: 16 vCPUs need more than the host's 8 online logical CPUs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_report_follows_the_documented_schema()
    {
        var root = JsonDocument.Parse(TopologyJson.Format(Report())).RootElement;

        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        var host = root.GetProperty("host");
        Assert.Equal(2, host.GetProperty("sockets").GetInt32());
        Assert.Equal(2, host.GetProperty("threads_per_core").GetInt32());
        Assert.Equal("0-7", host.GetProperty("online_cpu_list").GetString());
        Assert.True(host.GetProperty("uniform").GetBoolean());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("kvm_max_vcpus").ValueKind);
        Assert.Equal(8, root.GetProperty("max_vcpus_without_overcommit").GetInt32());
        var guest = root.GetProperty("guest");
        Assert.False(guest.GetProperty("fits").GetBoolean());
        Assert.Equal(16, guest.GetProperty("total_vcpus").GetInt32());
        Assert.Equal(4, guest.GetProperty("topology").GetProperty("threads").GetInt32());
        Assert.Equal("error", guest.GetProperty("findings")[0].GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("notes").ValueKind);
    }

    [Fact]
    public void Without_a_guest_the_guest_member_is_null()
    {
        var root = JsonDocument.Parse(TopologyJson.Format(TopologyReportBuilder.Build(HostFixtures.Environment(HostFixtures.Amd)))).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("guest").ValueKind);
    }
}
