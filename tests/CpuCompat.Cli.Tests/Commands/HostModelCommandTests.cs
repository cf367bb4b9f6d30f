using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

public sealed class HostModelCommandTests
{
    private static string Data(string version, string name) => SharedData.TestDataFile(version, name);

    [Fact]
    public void Host_decode_prints_libvirts_host_cpu()
    {
        var result = CliRun.InProcess("host-model", "--cpuid", Data("11.3.0", "x86_64-cpuid-Core-i7-4600U.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Data("11.3.0", "x86_64-cpuid-Core-i7-4600U-host.xml")), result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Guest_decode_with_a_qemu_model_list_prints_libvirts_guest_cpu()
    {
        var result = CliRun.InProcess(
            "host-model", "--cpuid", Data("11.3.0", "x86_64-cpuid-Core-i7-2600-xsaveopt.xml"), "--guest",
            "--models", Data("11.3.0", "x86_64-cpuid-Core-i7-2600-xsaveopt.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Data("11.3.0", "x86_64-cpuid-Core-i7-2600-xsaveopt-guest.xml")), result.Stdout);
    }

    [Fact]
    public void A_libvirt_9_cpu_map_answers_as_libvirt_9()
    {
        var result = CliRun.InProcess("host-model", "--cpuid", Data("9.0.0", "x86_64-cpuid-Core-i7-4600U.xml"), "--cpu-map", SharedData.CpuMapDir("9.0.0"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Data("9.0.0", "x86_64-cpuid-Core-i7-4600U-host.xml")), result.Stdout);
    }

    [Fact]
    public void A_plain_model_list_restricts_the_guest_decode()
    {
        using var dir = new TempDirectory();
        var models = dir.Write("models.txt", "# what this hypervisor runs\nSandyBridge\nqemu64\n");
        var result = CliRun.InProcess("host-model", "--cpuid", Data("11.3.0", "x86_64-cpuid-Core-i7-4600U.xml"), "--guest", "--models", models);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<model fallback='forbid'>SandyBridge</model>", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_without_guest_is_a_usage_error()
    {
        var result = CliRun.InProcess("host-model", "--cpuid", Data("11.3.0", "x86_64-cpuid-Core-i7-4600U.xml"), "--models", "x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--guest", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Malformed_cpuid_file_is_one_line_with_file_and_line()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.xml", "<cpudata arch='x86'>\n  <cpuid eax_in='0x1' eax='zz'/>\n</cpudata>\n");
        var result = CliRun.InProcess("host-model", "--cpuid", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"{bad}:2:", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Missing_cpuid_file_is_reported_as_such()
    {
        var result = CliRun.InProcess("host-model", "--cpuid", "/nonexistent/cpu.xml");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cpucompat: cannot read /nonexistent/cpu.xml: no such directory\n", result.Stderr);
    }
}
