using CpuCompat.Host.Machine;
using CpuCompat.Host.Virtualization;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Virtualization;

public sealed class VirtReportBuilderTests
{
    private static VirtReport Build(string fixture) => VirtReportBuilder.Build(HostFixtures.Environment(fixture));

    private static CheckState StateOf(VirtReport report, string id) => report.Find(id)!.State;

    [Fact]
    public void The_intel_fixture_is_ready_with_nested_off_and_a_fix()
    {
        var report = Build(HostFixtures.Intel);

        Assert.True(report.Ready);
        Assert.Equal("intel", report.Vendor);
        Assert.Equal(
            ["cpu_virtualization", "kvm_module", "kvm_vendor_module", "dev_kvm", "nested", "apicv", "ept", "shadow_vmcs"],
            report.Checks.Select(c => c.Id));
        Assert.Equal(CheckState.Ok, StateOf(report, "cpu_virtualization"));
        var nested = report.Find("nested")!;
        Assert.Equal((CheckState.Off, "kvm_intel.nested=N"), (nested.State, nested.Detail));
        Assert.Contains("modprobe -r kvm_intel && modprobe kvm_intel nested=1", nested.Fix, StringComparison.Ordinal);
        Assert.Contains("/etc/modprobe.d/kvm.conf", nested.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckState.Ok, StateOf(report, "shadow_vmcs"));
    }

    [Fact]
    public void The_amd_fixture_has_nested_on_and_avic_off()
    {
        var report = Build(HostFixtures.Amd);

        Assert.True(report.Ready);
        Assert.Equal("amd", report.Vendor);
        Assert.Equal(["cpu_virtualization", "kvm_module", "kvm_vendor_module", "dev_kvm", "nested", "avic", "npt"], report.Checks.Select(c => c.Id));
        Assert.Equal(CheckState.Ok, StateOf(report, "nested"));
        Assert.Equal(CheckState.Off, StateOf(report, "avic"));
        Assert.Equal(CheckState.Ok, StateOf(report, "npt"));
    }

    [Fact]
    public void A_container_without_modules_or_dev_kvm_is_not_ready_and_says_how_to_fix_it()
    {
        var report = Build(HostFixtures.Container);

        Assert.False(report.Ready);
        Assert.Equal(CheckState.Missing, StateOf(report, "kvm_module"));
        Assert.Equal(CheckState.Missing, StateOf(report, "dev_kvm"));
        Assert.Equal("modprobe kvm_intel (if it fails, see dmesg: the CPU extension may be off in the firmware)", report.Find("kvm_vendor_module")!.Fix);
        Assert.Equal(CheckState.Unknown, StateOf(report, "nested"));

        // The container's CPU is a VM without VMX: the hypervisor flag explains why.
        var cpu = report.Find("cpu_virtualization")!;
        Assert.Equal(CheckState.Missing, cpu.State);
        Assert.Contains("virtual machine", cpu.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Vmx_in_cpuid_but_not_in_cpuinfo_means_disabled_by_firmware()
    {
        using var tree = new TempTree()
            .File(HostEnvironment.RecordedCpuidPath, File.ReadAllText(HostFixtures.Root(HostFixtures.Intel).Resolve(HostEnvironment.RecordedCpuidPath)))
            .File("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme lm\n");

        var check = VirtReportBuilder.Build(HostEnvironment.ForRoot(tree.Path)).Find("cpu_virtualization")!;

        Assert.Equal(CheckState.Off, check.State);
        Assert.Contains("firmware", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_kvm_module_still_counts_as_the_vendor_module()
    {
        using var tree = new TempTree()
            .Directory("/sys/module/kvm")
            .Directory("/sys/module/kvm_pvm/parameters")
            .File("/dev/kvm", "")
            .File("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu hypervisor\n");

        var report = VirtReportBuilder.Build(HostEnvironment.ForRoot(tree.Path));

        Assert.True(report.Ready);
        Assert.Equal("kvm_pvm loaded (instead of kvm_amd)", report.Find("kvm_vendor_module")!.Detail);
        Assert.Contains("kvm_pvm, which does not need it", report.Find("cpu_virtualization")!.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckState.Missing, StateOf(report, "nested"));
    }

    [Fact]
    public void Parameter_values_other_than_Y_N_1_0_are_unknown()
    {
        using var tree = new TempTree()
            .Directory("/sys/module/kvm")
            .File("/sys/module/kvm_intel/parameters/nested", "maybe\n")
            .File("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: vmx\n");

        Assert.Equal(CheckState.Unknown, StateOf(VirtReportBuilder.Build(HostEnvironment.ForRoot(tree.Path)), "nested"));
    }

    [Fact]
    public void This_machine_gets_a_report_without_throwing() =>
        Assert.NotEmpty(VirtReportBuilder.Build(HostEnvironment.Live()).Checks);
}
