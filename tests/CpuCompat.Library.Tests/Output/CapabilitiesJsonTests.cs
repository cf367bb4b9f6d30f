using System.Text.Json;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host;
using CpuCompat.Host.Machine;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Output;

public sealed class CapabilitiesJsonTests
{
    private static JsonElement Json(string fixture, HypervisorDriver driver = HypervisorDriver.Qemu)
    {
        var document = CapabilitiesBuilder.Build(HostFixtures.Environment(fixture), driver, HostFixtures.Engine());
        return JsonDocument.Parse(CapabilitiesJson.Format(document)).RootElement.Clone();
    }

    [Fact]
    public void The_document_mirrors_the_xml_sections()
    {
        var root = Json(HostFixtures.Intel);

        Assert.Equal(2, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("qemu", root.GetProperty("driver").GetString());
        Assert.Equal("9.0.0", root.GetProperty("libvirt_format").GetString());
        var host = root.GetProperty("host");
        Assert.Equal("4c4c4544-0042-3010-8051-b4c04f4e3132", host.GetProperty("uuid").GetString());
        Assert.Equal("x86_64", host.GetProperty("arch").GetString());
        Assert.Equal([4, 2048, 1048576], host.GetProperty("pages_kib").EnumerateArray().Select(e => e.GetInt32()));
        var cpu = host.GetProperty("cpu");
        Assert.Equal("host", cpu.GetProperty("type").GetString());
        Assert.Equal("Skylake-Server-v2", cpu.GetProperty("model").GetString());
        Assert.Equal(0x2006e05, cpu.GetProperty("microcode").GetInt32());
        Assert.Equal(85, cpu.GetProperty("signature").GetProperty("model").GetInt32());
        Assert.Equal(JsonValueKind.Null, cpu.GetProperty("tsc").ValueKind);
        Assert.Equal(2, cpu.GetProperty("topology").GetProperty("threads").GetInt32());
        Assert.Equal(46, cpu.GetProperty("maxphysaddr").GetProperty("bits").GetInt32());
        Assert.Contains("vmx", cpu.GetProperty("features").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.All(cpu.GetProperty("features").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("policy").ValueKind));
        Assert.Equal(3, host.GetProperty("power_management").GetArrayLength());
        Assert.True(host.GetProperty("iommu").GetBoolean());
        Assert.Equal(["tcp", "rdma"], host.GetProperty("migration").GetProperty("uri_transports").EnumerateArray().Select(e => e.GetString()));
        var cell = host.GetProperty("numa").GetProperty("cells")[1];
        Assert.Equal(21, cell.GetProperty("distances").GetProperty("0").GetInt32());
        Assert.Equal("2,6", cell.GetProperty("cpus")[0].GetProperty("siblings").GetString());
        Assert.Equal(16 * 1024 * 1024, host.GetProperty("cache")[0].GetProperty("size_bytes").GetInt64());
        Assert.Equal("system_u:system_r:svirt_t:s0", host.GetProperty("secmodels")[0].GetProperty("baselabels").GetProperty("kvm").GetString());
        var guest = root.GetProperty("guests")[0];
        Assert.Equal(["qemu", "kvm"], guest.GetProperty("domain_types").EnumerateArray().Select(e => e.GetString()));
        Assert.True(guest.GetProperty("features")[0].GetProperty("default_on").GetBoolean());
    }

    [Fact]
    public void Notes_carry_code_kind_source_reason_and_text()
    {
        var note = Json(HostFixtures.Container).GetProperty("notes").EnumerateArray()
            .First(n => n.GetProperty("source").GetString() == HostEnvironment.RecordedCpuidPath);

        Assert.Equal(HostCodes.SourceMissing, note.GetProperty("code").GetString());
        Assert.Equal("unavailable", note.GetProperty("kind").GetString());
        Assert.StartsWith("unavailable: /.cpucompat/cpudata.xml: ", note.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_values_are_null_not_missing()
    {
        var host = Json(HostFixtures.Container, HypervisorDriver.Lxc).GetProperty("host");
        Assert.Equal(JsonValueKind.Null, host.GetProperty("cpu").ValueKind);
        var cpu = Json(HostFixtures.Amd, HypervisorDriver.Xen).GetProperty("host").GetProperty("cpu");
        foreach (var name in new[] { "vendor", "microcode", "signature", "tsc", "maxphysaddr", "cache", "migratable" })
        {
            Assert.Equal(JsonValueKind.Null, cpu.GetProperty(name).ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, Json(HostFixtures.Container, HypervisorDriver.Lxc).GetProperty("host").GetProperty("migration").ValueKind);
    }

    [Fact]
    public void Xen_guests_list_their_machines_and_loader()
    {
        var guest = Json(HostFixtures.Amd, HypervisorDriver.Xen).GetProperty("guests")[1];

        Assert.Equal("hvm", guest.GetProperty("os_type").GetString());
        Assert.Equal("/usr/lib/xen/boot/hvmloader", guest.GetProperty("loader").GetString());
        Assert.Equal("xenfv", guest.GetProperty("machines")[0].GetProperty("name").GetString());
    }
}
