using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

public sealed class CpuCompareCommandTests
{
    private static string Data(string name) => SharedData.TestDataFile("11.3.0", name);

    [Fact]
    public void Identical_cpu_exits_0()
    {
        var result = CliRun.InProcess("cpu-compare", Data("x86_64-host.xml"), "--host", Data("x86_64-host.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"CPU described in {Data("x86_64-host.xml")} is identical to host CPU\n", result.Stdout);
    }

    [Fact]
    public void Subset_cpu_exits_0_with_the_superset_sentence()
    {
        var result = CliRun.InProcess("cpu-compare", Data("x86_64-host-worse.xml"), "--host", Data("x86_64-host.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Host CPU is a superset of CPU described in {Data("x86_64-host-worse.xml")}\n", result.Stdout);
    }

    [Fact]
    public void Incompatible_cpu_exits_1_and_names_the_features_at_fault()
    {
        var result = CliRun.InProcess("cpu-compare", Data("x86_64-exact-require-extra.xml"), "--host", Data("x86_64-host.xml"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"CPU described in {Data("x86_64-exact-require-extra.xml")} is incompatible with host CPU\nHost CPU does not provide required features: 3dnowext\n",
            result.Stdout);
    }

    [Fact]
    public void Error_flag_reports_incompatibility_on_stderr()
    {
        var result = CliRun.InProcess("cpu-compare", Data("x86_64-exact-forbid.xml"), "--host", Data("x86_64-host.xml"), "--error");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("cpucompat: the CPU is incompatible with host CPU: Host CPU provides forbidden features: vmx\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Unknown_feature_is_an_error_exit_2()
    {
        var result = CliRun.InProcess("cpu-compare", Data("x86_64-bogus-feature.xml"), "--host", Data("x86_64-host.xml"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"cpucompat: {Data("x86_64-bogus-feature.xml")}: unknown CPU feature", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_cpuid_data_serves_as_the_host()
    {
        using var dir = new TempDirectory();
        var guest = dir.Write("guest.xml", "<cpu mode='custom' match='exact'><model fallback='forbid'>Haswell-noTSX</model></cpu>");
        var result = CliRun.InProcess("cpu-compare", guest, "--host", Data("x86_64-cpuid-Core-i7-4600U.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Host CPU is a superset", result.Stdout, StringComparison.Ordinal);
    }
}
