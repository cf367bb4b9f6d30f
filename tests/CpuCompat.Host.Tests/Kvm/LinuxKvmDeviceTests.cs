using CpuCompat.Host.Kvm;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Kvm;

/// <summary>The real /dev/kvm of this machine (skipped where there is none or it cannot be opened).</summary>
public sealed class LinuxKvmDeviceTests
{
    private static LinuxKvmDevice Device()
    {
        var device = LinuxKvmDevice.TryCreate();
        Assert.SkipWhen(device is null, "this machine has no /dev/kvm");
        Assert.SkipWhen(device!.MaxVcpus() is null, "/dev/kvm cannot be opened by this user");
        return device;
    }

    [Fact]
    public void KVM_reports_a_positive_vcpu_limit() => Assert.InRange(Device().MaxVcpus()!.Value, 1, 1 << 20);

    [Fact]
    public void The_tsc_probe_answers_a_frequency_or_a_reason()
    {
        var tsc = Device().GetTscInfo(out var failure);

        if (tsc is null)
        {
            Assert.False(string.IsNullOrEmpty(failure));
        }
        else
        {
            // Real TSCs run between some hundred MHz and a few GHz.
            Assert.InRange(tsc.Frequency, 100_000_000ul, 10_000_000_000ul);
            Assert.NotNull(tsc.Scaling);
        }
    }

    [Fact]
    public void KVM_supported_cpuid_is_a_subset_of_what_a_guest_can_see()
    {
        var supported = Device().GetSupportedCpuid(out var failure);
        Assert.True(supported is not null, failure);

        // Leaf 0 and leaf 1 are always there; the hypervisor bit is set: KVM offers guests that bit.
        Assert.NotEqual(0u, supported![Core.Cpu.DataKey.Cpuid(0)].Eax);
        Assert.NotEqual(0u, supported[Core.Cpu.DataKey.Cpuid(1)].Ecx & 0x80000000);
    }
}
