using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Capabilities;

public sealed class CapabilitiesBuilderTests
{
    private static CapabilitiesDocument Build(string fixture, HypervisorDriver driver = HypervisorDriver.Qemu, LibvirtGeneration generation = LibvirtGeneration.Libvirt9) =>
        CapabilitiesBuilder.Build(HostFixtures.Environment(fixture), driver, HostFixtures.Engine(generation));

    [Fact]
    public void The_host_cpu_is_the_host_decode_with_microcode_topology_and_address_bits()
    {
        var cpu = Build(HostFixtures.Intel).Host.Cpu!;

        Assert.Equal(("Skylake-Server-v2", "Intel"), (cpu.Model, cpu.Vendor));
        Assert.Null(cpu.Arch);
        Assert.Equal(0x2006e05u, cpu.Microcode);
        Assert.Equal(new CpuSignature(6, 85, 4), cpu.Signature);
        Assert.Equal(new CpuTopology(1, 1, 1, 2, 2), cpu.Topology);
        Assert.Equal(new CpuMaxPhysAddr("emulate", 46, null), cpu.MaxPhysAddr);
        Assert.Null(cpu.Tsc);
        Assert.Contains(cpu.Features, f => f.Name == "vmx");
    }

    [Fact]
    public void Recorded_msrs_become_arch_capabilities_features()
    {
        var names = Build(HostFixtures.Intel).Host.Cpu!.Features.Select(f => f.Name).ToList();
        Assert.Equal(["rdctl-no", "ibrs-all", "skip-l1dfl-vmentry", "mds-no"], names.TakeLast(4));
    }

    [Fact]
    public void The_tsc_counter_needs_kvm_and_its_absence_is_noted()
    {
        var document = Build(HostFixtures.Amd);

        Assert.Null(document.Host.Cpu!.Tsc);
        Assert.Contains(document.Notes, n => n.Source == "TSC frequency");
    }

    [Fact]
    public void Qemu_host_sections_match_the_intel_fixture()
    {
        var host = Build(HostFixtures.Intel).Host;

        Assert.Equal("4c4c4544-0042-3010-8051-b4c04f4e3132", host.Uuid);
        Assert.Equal([4u, 2048u, 1048576u], host.PageSizesKiB);
        Assert.Equal(["suspend_mem", "suspend_disk", "suspend_hybrid"], host.PowerManagement);
        Assert.True(host.Iommu);
        Assert.True(host.Migration!.Live);
        Assert.Equal(["tcp", "rdma"], host.Migration.UriTransports);
        Assert.Equal(2, host.Numa!.Cells.Length);
        Assert.Equal(2, host.Caches.Length);
        Assert.Equal(["selinux", "dac"], host.SecurityModels.Select(m => m.Model));
        Assert.Null(host.NetPrefix);
    }

    [Fact]
    public void Qemu_guests_follow_the_emulators_found()
    {
        var intel = Build(HostFixtures.Intel).Guests;
        var guest = Assert.Single(intel);
        Assert.Equal(("hvm", "x86_64", 64, "/usr/libexec/qemu-kvm"), (guest.OsType, guest.Arch, guest.WordSize, guest.Emulator));
        Assert.Equal(["qemu", "kvm"], guest.DomainTypes);
        Assert.Empty(guest.Machines);

        var amd = Build(HostFixtures.Amd).Guests;
        Assert.Equal(["i686", "x86_64"], amd.Select(g => g.Arch));
        Assert.Equal(["pae", "nonpae", "acpi", "apic", "cpuselection", "deviceboot", "disksnapshot"], amd[0].Features.Select(f => f.Name));
        Assert.Equal(new GuestFeature("acpi", true, true), amd[1].Features[0]);
    }

    [Fact]
    public void Lxc_reports_no_cpu_model_no_migration_and_exe_guests()
    {
        var document = Build(HostFixtures.Intel, HypervisorDriver.Lxc);

        Assert.Null(document.Host.Cpu);
        Assert.Null(document.Host.Migration);
        Assert.Equal([4u, 2048u, 1048576u], document.Host.PageSizesKiB);
        Assert.Equal("lxc", Assert.Single(document.Host.SecurityModels.Single().BaseLabels).VirtType);
        Assert.Equal(["x86_64", "i686"], document.Guests.Select(g => g.Arch));
        Assert.All(document.Guests, g => Assert.Equal(("exe", "/usr/lib/libvirt/libvirt_lxc"), (g.OsType, g.Emulator)));
    }

    [Fact]
    public void Xen_reports_libxls_guests_and_host_extras()
    {
        var document = Build(HostFixtures.Amd, HypervisorDriver.Xen);

        Assert.Equal(["pae"], document.Host.CpuFlags);
        Assert.Equal("vif", document.Host.NetPrefix);
        Assert.True(document.Host.Migration!.Live);
        Assert.Empty(document.Host.Migration.UriTransports);
        Assert.Empty(document.Host.SecurityModels);
        Assert.All(document.Host.Numa!.Cells, c => Assert.Empty(c.Pages));
        Assert.Equal(
            ["xen/x86_64", "hvm/i686", "xenpvh/i686", "hvm/x86_64", "xenpvh/x86_64"],
            document.Guests.Select(g => $"{g.OsType}/{g.Arch}"));
        Assert.Contains(document.Notes, n => n.Source == "/sys/hypervisor/properties/capabilities");
        Assert.Null(document.Host.Cpu!.Vendor);
    }

    [Fact]
    public void A_container_tree_never_throws_and_notes_what_it_lacks()
    {
        foreach (var driver in Enum.GetValues<HypervisorDriver>())
        {
            var document = Build(HostFixtures.Container, driver);

            Assert.Null(document.Host.Cpu);
            Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", document.Host.Uuid);
            Assert.Contains(document.Notes, n => n.Source == HostEnvironment.RecordedCpuidPath);
        }
    }

    [Fact]
    public void An_empty_root_gives_a_minimal_document()
    {
        using var tree = new TempTree();
        var document = CapabilitiesBuilder.Build(HostEnvironment.ForRoot(tree.Path), HypervisorDriver.Qemu, HostFixtures.Engine());

        Assert.Null(document.Host.Uuid);
        Assert.Empty(document.Guests);
        Assert.True(document.Host.Numa is null or { Cells.IsEmpty: true });
        Assert.NotEmpty(document.Notes);
    }

    [Fact]
    public void A_malformed_recording_is_noted_and_the_cpu_model_left_out()
    {
        using var tree = new TempTree().File(HostEnvironment.RecordedCpuidPath, "<cpudata arch='x86'><cpuid/></cpudata>");
        var document = CapabilitiesBuilder.Build(HostEnvironment.ForRoot(tree.Path), HypervisorDriver.Qemu, HostFixtures.Engine());

        Assert.Null(document.Host.Cpu);
        Assert.Contains(document.Notes, n => n.Code == HostCodes.SourceMalformed && n.Source == HostEnvironment.RecordedCpuidPath);
    }

    [Fact]
    public void Without_an_engine_the_host_cpu_is_left_out() =>
        Assert.Null(CapabilitiesBuilder.Build(HostFixtures.Environment(HostFixtures.Intel), HypervisorDriver.Qemu, null).Host.Cpu);

    [Fact]
    public void Libvirt_11_gives_one_cluster_in_the_host_topology() =>
        Assert.Equal(new CpuTopology(1, 1, 1, 4, 2), Build(HostFixtures.Amd, generation: LibvirtGeneration.Libvirt11).Host.Cpu!.Topology);

    [Theory]
    [InlineData("qemu", HypervisorDriver.Qemu)]
    [InlineData("KVM", HypervisorDriver.Qemu)]
    [InlineData("lxc", HypervisorDriver.Lxc)]
    [InlineData("libxl", HypervisorDriver.Xen)]
    public void Driver_names_parse(string name, HypervisorDriver driver) => Assert.Equal(driver, HypervisorDrivers.Parse(name));

    [Fact]
    public void Unknown_driver_names_do_not_parse() => Assert.Null(HypervisorDrivers.Parse("vmware"));

    [Fact]
    public void Numa_cells_keep_the_fixture_cpu_order() =>
        Assert.Equal([0, 1, 4, 5], Build(HostFixtures.Intel).Host.Numa!.Cells[0].Cpus.Select((LogicalCpu c) => c.Id));
}
