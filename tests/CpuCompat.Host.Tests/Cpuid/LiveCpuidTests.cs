using System.Text;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Data;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Cpuid;

/// <summary>This machine's CPUID (skipped where there is none): consistent with /proc/cpuinfo and decodable.</summary>
public sealed class LiveCpuidTests
{
    private static CpuData Read()
    {
        Assert.SkipUnless(LiveCpuid.IsSupported, "this process does not run on an x86 processor, so it has no CPUID");
        return LiveCpuid.Read(new HostNotes());
    }

    [Fact]
    public void The_leaf_0_vendor_is_the_vendor_id_of_proc_cpuinfo()
    {
        var data = Read();
        var info = CpuInfo.Read(HostRoot.Live, new HostNotes());
        Assert.SkipWhen(info.VendorId is null, "/proc/cpuinfo is not readable here");

        var leaf0 = data[DataKey.Cpuid(0)];
        var vendor = new byte[12];
        BitConverter.TryWriteBytes(vendor.AsSpan(0, 4), leaf0.Ebx);
        BitConverter.TryWriteBytes(vendor.AsSpan(4, 4), leaf0.Edx);
        BitConverter.TryWriteBytes(vendor.AsSpan(8, 4), leaf0.Ecx);
        Assert.Equal(info.VendorId, Encoding.ASCII.GetString(vendor));
    }

    [Fact]
    public void The_enumeration_holds_leaf_7_and_leaf_0xD_subleaf_1_when_the_processor_has_them()
    {
        var data = Read();
        var max = data[DataKey.Cpuid(0)].Eax;

        if (max >= 7)
        {
            Assert.Contains(data.Slots, s => s.Key == DataKey.Cpuid(7));
        }

        if (max >= 0xD && !data[DataKey.Cpuid(0xD, 1)].IsZero)
        {
            Assert.Contains(data.Slots, s => s.Key == DataKey.Cpuid(0xD, 1));
        }

        Assert.Contains(data.Slots, s => s.Key == DataKey.Cpuid(0x80000000));
    }

    [Fact]
    public void No_slot_is_all_zero_and_every_slot_is_a_cpuid_slot()
    {
        var data = Read();
        Assert.All(data.Slots, s => Assert.False(s.Registers.IsZero, $"{s.Key} is all zero"));
        Assert.All(data.Slots, s => Assert.Equal(DataKind.Cpuid, s.Key.Kind));
    }

    [Fact]
    public void The_built_in_database_decodes_this_machine_as_a_host()
    {
        var data = Read();
        var decoded = new CpuEngine(DefaultDatabase.Value).DecodeHost(data);

        Assert.True(decoded.Succeeded, decoded.Error?.Message);
        Assert.NotNull(decoded.Value.Model);
        Assert.NotNull(decoded.Value.Vendor);
    }
}
