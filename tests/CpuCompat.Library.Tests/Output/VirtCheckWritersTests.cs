using System.Text.Json;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Virtualization;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Output;

public sealed class VirtCheckWritersTests
{
    [Fact]
    public void The_text_report_has_a_verdict_a_row_per_check_and_fixes_under_failed_checks()
    {
        var text = VirtCheckText.Format(VirtReportBuilder.Build(HostFixtures.Environment(HostFixtures.Intel)));
        var lines = text.Split('\n');

        Assert.Equal("KVM readiness: ready (intel CPU)", lines[0]);
        Assert.StartsWith("CHECK ", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("nested virtualization ", StringComparison.Ordinal) && l.Contains(" off ", StringComparison.Ordinal));
        var nested = Array.FindIndex(lines, l => l.StartsWith("nested virtualization ", StringComparison.Ordinal));
        Assert.Contains("fix: modprobe -r kvm_intel && modprobe kvm_intel nested=1", lines[nested + 1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("/dev/kvm", StringComparison.Ordinal) && l.Contains("fix:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_report_follows_the_documented_schema()
    {
        var root = JsonDocument.Parse(VirtCheckJson.Format(VirtReportBuilder.Build(HostFixtures.Environment(HostFixtures.Amd)))).RootElement;

        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.True(root.GetProperty("ready").GetBoolean());
        Assert.Equal("amd", root.GetProperty("vendor").GetString());
        var avic = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "avic");
        Assert.Equal("off", avic.GetProperty("state").GetString());
        Assert.Equal("kvm_amd.avic=0", avic.GetProperty("detail").GetString());
        Assert.Contains("options kvm_amd avic=1", avic.GetProperty("fix").GetString(), StringComparison.Ordinal);
        var ok = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "kvm_module");
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("fix").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("notes").ValueKind);
    }
}
