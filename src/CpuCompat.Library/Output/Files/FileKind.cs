using System.Runtime.InteropServices;

namespace CpuCompat.Output.Files;

/// <summary>What a path names, without following a final symbolic link: decides how an output may be written there.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A character or block device, a FIFO or a socket: written into, never replaced.</summary>
    Special,
}

/// <summary>
/// Reads a path's file type with <c>statx(2)</c>. .NET's <see cref="FileSystemInfo"/> reports devices and FIFOs as
/// "Normal" files, which is exactly the confusion that must not turn <c>/dev/full</c> into a regular file; statx's
/// record has one layout on every Linux architecture, unlike <c>struct stat</c>.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxUid = 0x8;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;
    private const int StatxSize = 256;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[StatxSize];
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return FileKind.Missing;
            }

            return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.SymbolicLink,
                _ => FileKind.Special,
            };
        }

        // Elsewhere only what .NET can tell: devices and FIFOs look like regular files there.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        return Directory.Exists(path) ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>Whether the file (not following a final link) belongs to the effective user; true where that cannot be told.</summary>
    public static bool OwnedByCurrentUser(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        var buffer = new byte[StatxSize];
        return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxUid, buffer) == 0 && BitConverter.ToUInt32(buffer, UidOffset) == EffectiveUserId();
    }

    [LibraryImport("libc.so.6", EntryPoint = "geteuid")]
    private static partial uint EffectiveUserId();

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
