using CpuCompat.Output.Files;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Output;

// The output rules are POSIX file semantics (modes, links, devices, FIFOs).
[System.Runtime.Versioning.SupportedOSPlatform("linux")]

/// <summary>
/// The one write path: regular files replaced atomically and only when forced, devices and FIFOs written into, links
/// followed, directories refused, temporary files exclusive and never left behind.
/// </summary>
public sealed class OutputWriterTests
{
    private static readonly byte[] Content = "new\n"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Write(string path, bool force) => OutputWriter.WriteFile(path, Content, force, Ct);

    [Fact]
    public void A_new_file_is_written_and_nothing_else_is_left()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.xml");
        Write(path, force: false);
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(["out.xml"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_existing_file_is_kept_without_force_and_replaced_with_it_keeping_its_mode()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("out.xml", "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var refused = Assert.Throws<OutputRefusedException>(() => Write(path, force: false));
        Assert.Equal($"{path} exists; pass --force to replace it", refused.Message);
        Assert.Equal("old\n", File.ReadAllText(path));

        Write(path, force: true);
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_symbolic_link_is_followed_and_stays_a_link()
    {
        using var dir = new TempDirectory();
        var real = dir.Write("real.xml", "old\n");
        var link = dir.File("link.xml");
        File.CreateSymbolicLink(link, "real.xml");

        Assert.Throws<OutputRefusedException>(() => Write(link, force: false));
        Assert.Equal("old\n", File.ReadAllText(real));

        Write(link, force: true);
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(link));
        Assert.Equal("new\n", File.ReadAllText(real));
    }

    [Fact]
    public void A_dangling_link_creates_the_file_it_points_at()
    {
        using var dir = new TempDirectory();
        var link = dir.File("link.xml");
        File.CreateSymbolicLink(link, "missing.xml");
        Write(link, force: false);
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(link));
        Assert.Equal("new\n", File.ReadAllText(dir.File("missing.xml")));
    }

    [Fact]
    public void A_character_device_is_written_into_not_replaced()
    {
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
        Write("/dev/null", force: false);
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public async Task A_fifo_is_written_into_not_replaced()
    {
        using var dir = new TempDirectory();
        var fifo = dir.File("pipe");
        Assert.Equal(0, ChildProcess.Run("mkfifo", [fifo]).ExitCode);

        var reader = Task.Run(() => File.ReadAllTextAsync(fifo, Ct), Ct);
        Write(fifo, force: false);
        Assert.Equal("new\n", await reader.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(FileKind.Special, FileKinds.Of(fifo));
    }

    [Fact]
    public void A_directory_is_refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("sub"));
        var refused = Assert.Throws<OutputRefusedException>(() => Write(dir.File("sub"), force: true));
        Assert.Equal($"{dir.File("sub")} is a directory", refused.Message);
    }

    [Fact]
    public void A_target_below_a_regular_file_is_refused_before_anything_is_written()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("file", "x");
        Assert.Throws<OutputRefusedException>(() => Write(Path.Combine(file, "out.xml"), force: true));
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Planted_files_and_links_beside_the_target_are_never_touched()
    {
        using var dir = new TempDirectory();
        var victim = dir.Write("victim", "keep\n");
        var planted = new List<string>();
        foreach (var name in new[] { "out.xml.tmp", $"out.xml.{Environment.ProcessId}.tmp", ".out.xml.tmp", ".out.xml.staging" })
        {
            File.CreateSymbolicLink(dir.File(name), victim);
            planted.Add(name);
        }

        Write(dir.File("out.xml"), force: false);
        Assert.Equal("keep\n", File.ReadAllText(victim));
        Assert.All(planted, name => Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(dir.File(name))));
        Assert.Equal(planted.Count + 2, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    [Fact]
    public void Several_files_are_all_written_or_none()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("b.xml"));
        var files = new[] { new OutputFile(dir.File("a.xml"), Content), new OutputFile(dir.File("b.xml"), Content) };
        Assert.Throws<OutputRefusedException>(() => OutputWriter.WriteFiles(files, force: true, cancellation: Ct));
        Assert.False(File.Exists(dir.File("a.xml")));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_cancelled_write_leaves_the_target_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("out.xml", "old\n");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => OutputWriter.WriteFile(path, Content, force: true, cancel.Token));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_directory_output_needs_force_to_replace_or_remove_files_and_keeps_others()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out");
        OutputWriter.WriteDirectory(output, [("east.xml", "e1"), ("old.xml", "o")], force: false, cancellation: Ct);

        var refused = Assert.Throws<OutputRefusedException>(() => OutputWriter.WriteDirectory(output, [("west.xml", "w"), ("east.xml", "e2")], force: false, cancellation: Ct));
        Assert.Contains("east.xml exists; pass --force", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "west.xml")));

        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        Assert.Throws<OutputRefusedException>(() => OutputWriter.WriteDirectory(output, [("west.xml", "w")], force: false, isStale: p => p.EndsWith(".xml", StringComparison.Ordinal), Ct));
        OutputWriter.WriteDirectory(output, [("west.xml", "w"), ("east.xml", "e2")], force: true, isStale: p => p.EndsWith(".xml", StringComparison.Ordinal), Ct);
        Assert.Equal(["east.xml", "notes.txt", "west.xml"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("e2", File.ReadAllText(Path.Combine(output, "east.xml")));
    }

    [Fact]
    public void A_directory_output_that_is_a_file_is_refused()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("out", "x");
        Assert.Equal($"{file} is not a directory", Assert.Throws<OutputRefusedException>(() => OutputWriter.WriteDirectory(file, [("a.xml", "a")], force: true, cancellation: Ct)).Message);
    }
}
