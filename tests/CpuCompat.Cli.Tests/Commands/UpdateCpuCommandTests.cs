using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

public sealed class UpdateCpuCommandTests
{
    private static string Data(string name) => SharedData.TestDataFile("11.3.0", name);

    [Fact]
    public void Host_model_guest_becomes_the_migratable_host_cpu()
    {
        var result = CliRun.InProcess("update-cpu", Data("x86_64-host-model.xml"), "--host", Data("x86_64-host-invtsc.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Data("x86_64-host-invtsc+host-model.xml")), result.Stdout);
    }

    [Fact]
    public void A_whole_domain_is_accepted()
    {
        using var dir = new TempDirectory();
        var domain = dir.Write("domain.xml", $"<domain type='kvm'><name>vm1</name>{File.ReadAllText(Data("x86_64-min.xml"))}<devices/></domain>");
        var result = CliRun.InProcess("update-cpu", domain, "--host", Data("x86_64-host.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Data("x86_64-host+min.xml")), result.Stdout);
    }

    [Fact]
    public void Translation_to_an_allowed_model()
    {
        using var dir = new TempDirectory();
        var models = dir.Write("models.txt", "qemu64\ncore2duo\nNehalem\n");
        var result = CliRun.InProcess("update-cpu", Data("x86_64-guest.xml"), "--host", Data("x86_64-host.xml"), "--models", models);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Data("x86_64-host+guest,models-result.xml")), result.Stdout);
    }

    [Fact]
    public void Guest_needing_missing_features_exits_1_naming_them()
    {
        var result = CliRun.InProcess("update-cpu", Data("x86_64-exact-require-extra.xml"), "--host", Data("x86_64-host.xml"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("cpucompat: the CPU is incompatible with host CPU: Host CPU does not provide required features: 3dnowext\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Forbidden_feature_the_host_lists_exits_1()
    {
        var result = CliRun.InProcess("update-cpu", Data("x86_64-exact-forbid.xml"), "--host", Data("x86_64-host.xml"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("cpucompat: Host CPU provides forbidden feature 'vmx'\n", result.Stderr);
    }

    [Fact]
    public void Model_outside_the_list_without_fallback_is_an_error()
    {
        using var dir = new TempDirectory();
        var models = dir.Write("models.txt", "qemu64\n");
        var result = CliRun.InProcess("update-cpu", Data("x86_64-guest-nofallback.xml"), "--host", Data("x86_64-host.xml"), "--models", models);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: {Data("x86_64-guest-nofallback.xml")}: CPU model Penryn is not supported by hypervisor\n", result.Stderr);
    }

    [Fact]
    public void File_without_a_cpu_is_an_error()
    {
        using var dir = new TempDirectory();
        var domain = dir.Write("domain.xml", "<domain type='kvm'><name>vm1</name></domain>");
        var result = CliRun.InProcess("update-cpu", domain, "--host", Data("x86_64-host.xml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not contain any <cpu> element or valid domain XML", result.Stderr, StringComparison.Ordinal);
    }
}
