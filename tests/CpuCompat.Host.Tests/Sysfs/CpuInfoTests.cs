using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class CpuInfoTests
{
    [Fact]
    public void The_first_processor_gives_vendor_flags_microcode_and_address_bits()
    {
        var info = CpuInfo.Read(HostFixtures.Root(HostFixtures.Intel), new HostNotes());

        Assert.Equal("GenuineIntel", info.VendorId);
        Assert.Equal(0x2006e05u, info.Microcode);
        Assert.Equal(46u, info.PhysicalAddressBits);
        Assert.True(info.HasFlag("vmx"));
        Assert.Contains("shadow_vmcs", (IReadOnlySet<string>)info.VmxFlags);
    }

    [Theory]
    [InlineData("microcode\t: 0x1000065\n", 0x1000065u)]
    [InlineData("microcode\t: 226\n", 226u)]
    [InlineData("microcode\t: 0\n", null)]
    [InlineData("model name\t: x\n", null)]
    public void Microcode_is_read_in_C_base_0_notation(string text, uint? expected) =>
        Assert.Equal(expected, CpuInfo.Parse(text).Microcode);

    [Fact]
    public void Processor_blocks_give_the_topology_fallback()
    {
        var processors = CpuInfoProcessor.Parse("processor\t: 0\nphysical id\t: 1\ncore id\t\t: 3\n\nprocessor\t: 1\n\n");

        Assert.Equal([new CpuInfoProcessor(0, 1, 3), new CpuInfoProcessor(1, null, null)], processors);
    }
}
