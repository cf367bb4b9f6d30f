using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Data;
using CpuCompat.Host.Kvm;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Kvm;

public sealed class KvmGuestCpuidTests
{
    [Fact]
    public void Supported_cpuid_buffer_is_read_entry_by_entry()
    {
        var buffer = new byte[8 + (3 * 40)];
        Write(buffer, 0, 2); // two entries filled, room for three
        Entry(buffer, 0, leaf: 7, subleaf: 0, eax: 0, ebx: 0x20, ecx: 0, edx: 0);
        Entry(buffer, 1, leaf: 0xd, subleaf: 1, eax: 0xf, ebx: 0, ecx: 0, edx: 0);

        var data = LinuxKvmDevice.ParseCpuid2(buffer);

        Assert.Equal(2, data.Slots.Length);
        Assert.Equal(0x20u, data[DataKey.Cpuid(7)].Ebx);
        Assert.Equal(0xfu, data[DataKey.Cpuid(0xd, 1)].Eax);
    }

    [Fact]
    public void A_count_larger_than_the_buffer_is_cut_to_the_buffer()
    {
        var buffer = new byte[8 + 40];
        Write(buffer, 0, 1000);
        Assert.Single(LinuxKvmDevice.ParseCpuid2(buffer).Slots);
    }

    [Fact]
    public void Guest_data_is_what_kvm_supports_with_the_hosts_identity_and_msrs()
    {
        var host = CpuData.From([
            new DataSlot(DataKey.Cpuid(0), new Registers(0xd, 0x756e6547, 0x6c65746e, 0x49656e69)),
            new DataSlot(DataKey.Cpuid(1), new Registers(0x000306c3, 0, 0x7ffafbff, 0xbfebfbff)),
            new DataSlot(DataKey.Cpuid(7), new Registers(0, 0x27ab, 0, 0)),
        ]);
        var kvm = new FakeKvm(CpuData.From([
            new DataSlot(DataKey.Cpuid(0), new Registers(0xd, 0, 0, 0)),
            new DataSlot(DataKey.Cpuid(1), new Registers(0, 0, 0x80000001, 0x1)),
            new DataSlot(DataKey.Cpuid(7), new Registers(0, 0x20, 0, 0)),
        ]));

        var data = KvmGuestCpuid.Read(kvm, host, DefaultDatabase.Value.X86, out var failure)!;

        Assert.Null(failure);
        Assert.Equal(host[DataKey.Cpuid(0)], data[DataKey.Cpuid(0)]);
        Assert.Equal(new Registers(0x000306c3, 0, 0x80000001, 0x1), data[DataKey.Cpuid(1)]);
        Assert.Equal(0x20u, data[DataKey.Cpuid(7)].Ebx);
        Assert.Equal(new Registers(0x2b, 0, 0, 0), data[DataKey.Msr(0x10a)]);
    }

    private static void Write(byte[] buffer, int at, uint value) => BitConverter.TryWriteBytes(buffer.AsSpan(at, 4), value);

    private static void Entry(byte[] buffer, int i, uint leaf, uint subleaf, uint eax, uint ebx, uint ecx, uint edx)
    {
        var at = 8 + (i * 40);
        Write(buffer, at, leaf);
        Write(buffer, at + 4, subleaf);
        Write(buffer, at + 12, eax);
        Write(buffer, at + 16, ebx);
        Write(buffer, at + 20, ecx);
        Write(buffer, at + 24, edx);
    }

    private sealed class FakeKvm(CpuData supported) : IKvmDevice
    {
        public TscCounter? GetTscInfo(out string? failure)
        {
            failure = "no";
            return null;
        }

        public ulong? ReadFeatureMsr(uint index) => index == 0x10a ? 0x2bUL : null;

        public CpuData? GetSupportedCpuid(out string? failure)
        {
            failure = null;
            return supported;
        }

        public int? MaxVcpus() => null;
    }
}
