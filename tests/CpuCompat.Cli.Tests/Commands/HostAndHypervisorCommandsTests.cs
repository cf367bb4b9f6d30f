using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

/// <summary>capabilities, topology, virt-check (on a captured host tree) and the hypervisor's CPU view (from CPUID data).</summary>
public sealed class HostAndHypervisorCommandsTests
{
    private static readonly string IntelHost = RepositoryRoot.File("tests/CpuCompat.Host.Tests/Fixtures/intel-2s-selinux");

    private static string Data(string name) => SharedData.TestDataFile("11.3.0", name);

    [Fact]
    public void Capabilities_of_a_captured_host()
    {
        var result = CliRun.InProcess("capabilities", "--root", IntelHost);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<capabilities>\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<arch>x86_64</arch>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<model>selinux</model>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<os_type>hvm</os_type>", result.Stdout, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(CliRun.InProcess("capabilities", "--root", IntelHost, "--json").Stdout);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("host").ValueKind);
    }

    [Fact]
    public void Lxc_guests_run_executables()
    {
        var result = CliRun.InProcess("capabilities", "--root", IntelHost, "--driver", "lxc");
        Assert.Contains("<os_type>exe</os_type>", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.InProcess("capabilities", "--driver", "vmware").ExitCode);
    }

    [Fact]
    public void Topology_checks_a_guest_against_the_host()
    {
        using var dir = new TempDirectory();
        var small = dir.Write("small.xml", "<domain><vcpu>4</vcpu><cpu><topology sockets='1' cores='2' threads='2'/></cpu></domain>");
        var huge = dir.Write("huge.xml", "<domain><vcpu>4096</vcpu><cpu><topology sockets='16' cores='128' threads='2'/></cpu></domain>");
        Assert.Equal(0, CliRun.InProcess("topology", "--root", IntelHost, "--guest", small).ExitCode);
        var result = CliRun.InProcess("topology", "--root", IntelHost, "--guest", huge, "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.False(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("guest").GetProperty("fits").GetBoolean());
    }

    [Fact]
    public void Virt_check_reports_every_check_in_json()
    {
        var result = CliRun.InProcess("virt-check", "--root", IntelHost, "--json");
        using var doc = JsonDocument.Parse(result.Stdout);
        var ids = doc.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("nested", ids);
        Assert.Contains("dev_kvm", ids);
        Assert.Equal(doc.RootElement.GetProperty("ready").GetBoolean() ? 0 : 1, result.ExitCode);
    }

    [Fact]
    public void Domcapabilities_lists_the_host_model_and_every_model_with_blockers()
    {
        var result = CliRun.InProcess("domcapabilities", "--cpuid", Data("x86_64-cpuid-Core-i7-4600U.xml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<mode name='host-model' supported='yes'>\n      <model fallback='forbid'>Haswell-noTSX</model>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<model usable='yes' vendor='Intel' canonical='Haswell-v2'>Haswell-noTSX</model>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<model usable='no' vendor='Intel' canonical='Haswell-v1'>Haswell</model>\n      <blockers model='Haswell'>\n        <feature name='hle'/>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<feature policy='require' name='invtsc'/>", result.Stdout.Split("<mode name='custom'")[0], StringComparison.Ordinal); // the full CPU, as libvirt reports it
    }

    [Fact]
    public void Kubevirt_pipeline_domcapabilities_into_hypervisor_cpu_baseline()
    {
        var host = Data("x86_64-cpuid-Core-i7-4600U.xml");
        var domcaps = CliRun.InProcess("domcapabilities", "--cpuid", host).Stdout;
        var result = CliRun.InProcessWithInput(domcaps, "hypervisor-cpu-baseline", "--features", "-", "--cpuid", host);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<cpu mode='custom' match='exact'>\n  <model fallback='forbid'>Haswell-noTSX</model>\n  <vendor>Intel</vendor>\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<feature policy='require' name='avx2'/>", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_models_and_hypervisor_cpu_compare()
    {
        var host = Data("x86_64-cpuid-Core-i7-4600U.xml");
        var models = CliRun.InProcess("cpu-models", "--cpuid", host, "--usable");
        Assert.Matches(@"\nHaswell-noTSX +Intel +yes", models.Stdout);
        Assert.DoesNotMatch(@"\nSkylake-Client +Intel", models.Stdout);

        using var dir = new TempDirectory();
        var guest = dir.Write("guest.xml", "<cpu mode='custom' match='exact'><model>Skylake-Client</model></cpu>");
        var result = CliRun.InProcess("hypervisor-cpu-compare", guest, "--cpuid", host);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"CPU described in {guest} is incompatible with the CPU provided by hypervisor on the host\n", result.Stdout, StringComparison.Ordinal);
        var older = dir.Write("older.xml", "<cpu mode='custom' match='exact'><model>SandyBridge</model></cpu>");
        Assert.Equal(0, CliRun.InProcess("hypervisor-cpu-compare", older, "--cpuid", host).ExitCode);
    }

    [Fact]
    public void Cpu_compare_without_host_compares_with_this_machine()
    {
        if (!X86Base.IsSupported)
        {
            Assert.Skip("this machine has no CPUID (not x86)");
        }

        var result = CliRun.Process("cpu-compare", RepositoryRoot.File("data/examples/pool-east.xml"), "--json");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var verdict = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("result").GetString();
        Assert.Equal(result.ExitCode == 1, verdict == "incompatible");
    }
}
