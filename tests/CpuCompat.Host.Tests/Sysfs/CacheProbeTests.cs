using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class CacheProbeTests
{
    [Fact]
    public void Each_distinct_level_3_cache_is_one_bank_sorted_by_level_and_id()
    {
        var root = HostFixtures.Root(HostFixtures.Amd);
        var banks = CacheProbe.Read(root, CpuInventoryProbe.Read(root, new HostNotes()), new HostNotes());

        Assert.Equal(
            [new CacheBank(0, 3, "both", 16 * 1024 * 1024, CpuSet.Of([0, 1, 4, 5])), new CacheBank(1, 3, "both", 16 * 1024 * 1024, CpuSet.Of([2, 3, 6, 7]))],
            banks);
    }

    [Fact]
    public void Lower_levels_are_not_listed()
    {
        var root = HostFixtures.Root(HostFixtures.Intel);
        Assert.All(CacheProbe.Read(root, CpuInventoryProbe.Read(root, new HostNotes()), new HostNotes()), b => Assert.Equal(3u, b.Level));
    }

    [Theory]
    [InlineData(32ul * 1024 * 1024, 32ul, "MiB")]
    [InlineData(1536ul * 1024, 1536ul, "KiB")]
    [InlineData(1000ul, 1000ul, "B")]
    public void Sizes_print_in_the_largest_exact_unit(ulong bytes, ulong value, string unit) =>
        Assert.Equal((value, unit), new CacheBank(0, 3, "both", bytes, CpuSet.Empty).PrettySize());
}
