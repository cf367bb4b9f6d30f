using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Data;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Kvm;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Cpuid;

public sealed class HostCpuDataTests
{
    private static ArchDatabase X86 => DefaultDatabase.Value.X86!;

    private static CpuData WithArchCapabilities(bool present)
    {
        var bits = X86.FindFeature("arch-capabilities")!.Bits;
        return present ? CpuData.From(bits) : CpuData.From([new DataSlot(DataKey.Cpuid(0), new Registers(1, 0, 0, 0))]);
    }

    [Fact]
    public void Libvirt_9_reads_only_arch_capabilities_and_only_when_announced()
    {
        Assert.Equal([HostCpuData.ArchCapabilitiesMsr], HostCpuData.MsrIndices(X86, WithArchCapabilities(true), LibvirtGeneration.Libvirt9));
        Assert.Empty(HostCpuData.MsrIndices(X86, WithArchCapabilities(false), LibvirtGeneration.Libvirt9));
    }

    [Fact]
    public void Libvirt_11_reads_every_msr_index_a_feature_uses()
    {
        var indices = HostCpuData.MsrIndices(X86, WithArchCapabilities(false), LibvirtGeneration.Libvirt11);

        Assert.Contains(HostCpuData.ArchCapabilitiesMsr, indices);
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(X86.Features.SelectMany(f => f.Bits).Where(b => b.Key.Kind == DataKind.Msr).Select(b => b.Key.Leaf).Distinct().Count(), indices.Count);
    }

    [Fact]
    public void Msrs_are_read_at_their_index_of_the_msr_device()
    {
        using var tree = new TempTree().Directory("/dev/cpu/0");
        var bytes = new byte[0x10a + 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0x10a), 0x0000_0001_0000_002bUL);
        File.WriteAllBytes(tree.Root.Resolve(MsrReader.DevicePath), bytes);
        var notes = new HostNotes();

        var reader = new MsrReader(tree.Root, null, notes);

        Assert.Equal(0x0000_0001_0000_002bUL, reader.Read(0x10a));
        Assert.Null(reader.Read(0x1000));
        Assert.Equal(0, notes.Count);
    }

    private sealed class FakeKvm : IKvmDevice
    {
        public TscCounter? GetTscInfo(out string? failure)
        {
            failure = "no";
            return null;
        }

        public ulong? ReadFeatureMsr(uint index) => index == 0x10a ? 0x2bUL : null;

        public int? MaxVcpus() => null;

        public CpuData? GetSupportedCpuid(out string? failure)
        {
            failure = "no";
            return null;
        }
    }

    [Fact]
    public void Without_the_msr_device_feature_msrs_come_from_kvm_and_a_note_says_why()
    {
        using var tree = new TempTree();
        var notes = new HostNotes();
        var reader = new MsrReader(tree.Root, new FakeKvm(), notes);

        Assert.Equal(0x2bUL, reader.Read(0x10a));
        Assert.Null(reader.Read(0x48));
        var note = Assert.Single(notes.ToImmutable());
        Assert.Equal((HostCodes.SourceMissing, MsrReader.DevicePath), (note.Code, note.Source));
        Assert.Contains("modprobe msr", note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recording_supplies_its_own_msrs()
    {
        var data = WithArchCapabilities(true)
            .With(DataKey.Cpuid(0), new Registers(7, 0, 0, 0))
            .With(DataKey.Msr(0x10a), new Registers(0x2b, 0, 0, 0));
        var recorded = new RecordedCpuid(data, "test");

        var read = HostCpuData.Read(recorded, recorded, X86, LibvirtGeneration.Libvirt9);

        Assert.Equal(new Registers(0x2b, 0, 0, 0), read[DataKey.Msr(0x10a)]);
    }
}
