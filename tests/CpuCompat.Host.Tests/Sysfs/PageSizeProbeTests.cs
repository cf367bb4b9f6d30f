using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class PageSizeProbeTests
{
    [Fact]
    public void Host_page_sizes_are_the_base_page_and_every_huge_page_size_ascending() =>
        Assert.Equal([4u, 2048u, 1048576u], PageSizeProbe.Read(HostFixtures.Root(HostFixtures.Intel), 4));

    [Fact]
    public void Roots_other_than_the_live_one_assume_4_KiB_and_say_so()
    {
        var notes = new HostNotes();
        Assert.Equal(4u, PageSizeProbe.SystemPageKiB(HostFixtures.Root(HostFixtures.Amd), notes));
        Assert.Equal(HostNoteKind.Substituted, Assert.Single(notes.ToImmutable()).Kind);
    }

    [Fact]
    public void The_live_root_uses_the_process_page_size()
    {
        var notes = new HostNotes();
        Assert.Equal((uint)(Environment.SystemPageSize / 1024), PageSizeProbe.SystemPageKiB(HostRoot.Live, notes));
        Assert.Equal(0, notes.Count);
    }

    [Theory]
    [InlineData("hugepages-2048kB", 2048u)]
    [InlineData("hugepages-1048576KB", 1048576u)]
    [InlineData("hugepages-x", null)]
    [InlineData("other", null)]
    public void Huge_page_directory_names_give_sizes(string name, uint? size) => Assert.Equal(size, PageSizeProbe.ParseSize(name));
}
