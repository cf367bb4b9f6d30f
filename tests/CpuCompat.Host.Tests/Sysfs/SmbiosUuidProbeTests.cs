using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class SmbiosUuidProbeTests
{
    [Fact]
    public void The_smbios_uuid_is_printed_in_lower_case() =>
        Assert.Equal("4c4c4544-0042-3010-8051-b4c04f4e3132", SmbiosUuidProbe.Read(HostFixtures.Root(HostFixtures.Intel), new HostNotes()));

    [Fact]
    public void Without_smbios_the_machine_id_stands_in_and_a_note_says_so()
    {
        var notes = new HostNotes();

        Assert.Equal("fedcba98-7654-3210-fedc-ba9876543210", SmbiosUuidProbe.Read(HostFixtures.Root(HostFixtures.Amd), notes));
        Assert.Contains(notes.ToImmutable(), n => n.Kind == HostNoteKind.Substituted && n.Source == "host UUID");
        Assert.Contains(notes.ToImmutable(), n => n.Kind == HostNoteKind.Unavailable && n.Source.EndsWith("product_uuid", StringComparison.Ordinal));
    }

    [Fact]
    public void Libvirtd_conf_host_uuid_and_uuid_source_are_honoured()
    {
        using var configured = new TempTree().File(LibvirtConfig.DaemonConfPath, "host_uuid = \"00000000-0000-0000-0000-000000000001\"\n");
        Assert.Equal("00000000-0000-0000-0000-000000000001", SmbiosUuidProbe.Read(configured.Root, new HostNotes()));

        using var machineId = new TempTree()
            .File(LibvirtConfig.DaemonConfPath, "host_uuid_source = \"machine-id\"\n")
            .File(SmbiosUuidProbe.ProductUuidPaths[1], "4C4C4544-0042-3010-8051-B4C04F4E3132\n")
            .File(SmbiosUuidProbe.MachineIdPath, "0123456789abcdef0123456789abcdef\n");
        Assert.Equal("01234567-89ab-cdef-0123-456789abcdef", SmbiosUuidProbe.Read(machineId.Root, new HostNotes()));
    }

    [Theory]
    [InlineData("03000200-0400-0500-0006-000700080009", "03000200-0400-0500-0006-000700080009")]
    [InlineData("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", null)]
    [InlineData("00000000-0000-0000-0000-000000000000", null)]
    [InlineData("not a uuid", null)]
    public void Uuids_whose_bytes_are_all_equal_are_invalid(string text, string? expected) =>
        Assert.Equal(expected, SmbiosUuidProbe.Normalize(text));

    [Fact]
    public void Nothing_at_all_gives_no_uuid_and_notes()
    {
        using var tree = new TempTree();
        var notes = new HostNotes();
        Assert.Null(SmbiosUuidProbe.Read(tree.Root, notes));
        Assert.True(notes.Count >= 2);
    }
}
