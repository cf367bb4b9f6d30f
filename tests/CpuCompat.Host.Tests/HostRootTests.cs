using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests;

public sealed class HostRootTests
{
    [Fact]
    public void Host_paths_resolve_under_the_root()
    {
        var root = new HostRoot("/tmp/some-root");
        Assert.Equal("/tmp/some-root/sys/power/state", root.Resolve("/sys/power/state"));
        Assert.False(root.IsLive);
        Assert.True(HostRoot.Live.IsLive);
        Assert.True(new HostRoot("").IsLive);
    }

    [Fact]
    public void A_missing_file_reads_as_null_with_a_missing_note()
    {
        using var tree = new TempTree();
        var notes = new HostNotes();

        Assert.Null(tree.Root.ReadText("/proc/cpuinfo", notes));

        var note = Assert.Single(notes.ToImmutable());
        Assert.Equal((HostCodes.SourceMissing, HostNoteKind.Unavailable, "/proc/cpuinfo"), (note.Code, note.Kind, note.Source));
        Assert.Equal("unavailable: /proc/cpuinfo: not present", note.ToString());
    }

    [Fact]
    public void A_directory_in_place_of_a_file_is_malformed_not_an_exception()
    {
        using var tree = new TempTree().Directory("/sys/power/state");
        var notes = new HostNotes();

        Assert.Null(tree.Root.ReadLine("/sys/power/state", notes));
        Assert.Equal(HostCodes.SourceMalformed, Assert.Single(notes.ToImmutable()).Code);
    }

    [Fact]
    public void Integers_lines_and_listings_are_read_leniently()
    {
        using var tree = new TempTree()
            .File("/sys/a", "42\n")
            .File("/sys/b", "-1\n")
            .File("/sys/c", "not a number\n")
            .File("/sys/dir/y/file", "")
            .File("/sys/dir/x/file", "");
        var notes = new HostNotes();

        Assert.Equal(42, tree.Root.ReadInteger("/sys/a"));
        Assert.Equal(-1, tree.Root.ReadInteger("/sys/b"));
        Assert.Null(tree.Root.ReadInteger("/sys/c", notes));
        Assert.Equal(HostCodes.SourceMalformed, Assert.Single(notes.ToImmutable()).Code);
        Assert.Equal(["x", "y"], tree.Root.EnumerateDirectories("/sys/dir"));
        Assert.Empty(tree.Root.EnumerateDirectories("/sys/none"));
    }

    [Fact]
    public void Repeated_notes_are_kept_once()
    {
        var notes = new HostNotes();
        notes.Unavailable("/x", "not present");
        notes.Unavailable("/x", "not present");
        notes.Substituted("/x", "used y");

        Assert.Equal(2, notes.Count);
    }
}
