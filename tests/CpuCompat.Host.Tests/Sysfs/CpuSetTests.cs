using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class CpuSetTests
{
    [Theory]
    [InlineData("0-3,8,10-11\n", "0-3,8,10-11", 7)]
    [InlineData("0", "0", 1)]
    [InlineData("0,1", "0-1", 2)]
    [InlineData(" 4 , 2-3 ", "2-4", 3)]
    [InlineData("", "", 0)]
    public void Lists_parse_and_format_like_libvirt(string text, string formatted, int count)
    {
        Assert.True(CpuSet.TryParse(text, out var set));
        Assert.Equal(formatted, set.ToString());
        Assert.Equal(count, set.Count);
    }

    [Theory]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("1-")]
    [InlineData("99999999")]
    public void Malformed_lists_are_rejected(string text) => Assert.False(CpuSet.TryParse(text, out _));

    [Fact]
    public void Sets_compare_by_members() => Assert.Equal(CpuSet.Of([3, 1, 2]), CpuSet.Of([1, 2, 3]));
}
