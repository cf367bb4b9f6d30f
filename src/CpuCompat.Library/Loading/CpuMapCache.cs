using System.Security.Cryptography;
using CpuCompat.Core;
using CpuCompat.Core.Database;
using CpuCompat.Core.Serialization;
using CpuCompat.Output.Files;

namespace CpuCompat.Loading;

/// <summary>
/// Compiled forms of libvirt cpu_map directories, so that a map read once is not parsed again. An entry is named and
/// headed by a SHA-256 of everything the result depends on: the map's file names and contents, and this build of
/// CpuCompat (whose quirk rules are added to every map). Hashing the map's few hundred KB costs far less than parsing
/// its XML, and a changed map is a different key, never a stale answer. The cache is best effort: a missing,
/// read-only or full directory, or an entry that is damaged, someone else's or writable by others, is passed over and
/// the map is read as if there were no cache.
/// </summary>
public sealed class CpuMapCache(string directory)
{
    /// <summary>Set to <c>off</c> to read every map afresh.</summary>
    public const string EnvironmentVariable = "CPUCOMPAT_CACHE";

    private const int KeySize = 32;
    private const long MaxEntrySize = 64 << 20;

    /// <summary>Entries kept: every build and every map version makes its own, so the oldest beyond these are removed.</summary>
    private const int MaxEntries = 16;

    public string Directory { get; } = directory;

    /// <summary>
    /// The user's cache (<c>$XDG_CACHE_HOME/cpucompat</c>, else <c>~/.cache/cpucompat</c>), or null when there is
    /// none or <see cref="EnvironmentVariable"/> is <c>off</c>.
    /// </summary>
    public static CpuMapCache? ForCurrentUser()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home && Path.IsPathRooted(home) ? Path.Combine(home, ".cache") : null;
        return root is null ? null : new CpuMapCache(Path.Combine(root, "cpucompat"));
    }

    /// <summary>The database of <paramref name="mapDirectory"/> from the cache, or from <paramref name="load"/> (then kept for next time).</summary>
    public Outcome<CpuDatabase> GetOrLoad(string mapDirectory, Func<Outcome<CpuDatabase>> load)
    {
        byte[] key;
        try
        {
            key = Key(mapDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return load();
        }

        var entry = Path.Combine(Directory, $"cpu_map-{Convert.ToHexStringLower(key.AsSpan(0, 16))}.ccdb");
        if (TryRead(entry, key) is { } cached)
        {
            return cached;
        }

        var loaded = load();
        if (loaded.Succeeded)
        {
            TryWrite(entry, key, loaded.Value);
        }

        return loaded;
    }

    /// <summary>The hash of the map's path and files (names, sizes, contents, in name order) and of this build.</summary>
    internal static byte[] Key(string mapDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("cpucompat cpu_map cache 1\0"u8);
        hash.AppendData(typeof(CpuMapCache).Module.ModuleVersionId.ToByteArray());
        hash.AppendData(typeof(Data.DefaultDatabase).Module.ModuleVersionId.ToByteArray());
        // The map's path too: the database names where it came from.
        var root = Path.GetFullPath(mapDirectory);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{mapDirectory}\0"));
        foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllBytes(file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Path.GetRelativePath(root, file)}\0{content.Length}\0"));
            hash.AppendData(content);
        }

        return hash.GetHashAndReset();
    }

    private static CpuDatabase? TryRead(string entry, byte[] key)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            // Only a plain file of this user that nobody else can write: an entry is trusted as the map it names.
            if (FileKinds.Of(entry) is not FileKind.Regular || !FileKinds.OwnedByCurrentUser(entry)
                || (File.GetUnixFileMode(entry) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0
                || new FileInfo(entry).Length is < KeySize or > MaxEntrySize)
            {
                return null;
            }

            var bytes = File.ReadAllBytes(entry);
            if (!bytes.AsSpan(0, KeySize).SequenceEqual(key))
            {
                return null;
            }

            var read = DatabaseReader.Read(bytes.AsSpan(KeySize));
            return read.Succeeded ? read.Value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void TryWrite(string entry, byte[] key, CpuDatabase database)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            OutputWriter.WriteFile(entry, [.. key, .. DatabaseWriter.ToBytes(database)], force: true);
            foreach (var old in new DirectoryInfo(Directory).GetFiles("cpu_map-*.ccdb").OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxEntries))
            {
                old.Delete();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutputRefusedException)
        {
            // A cache that cannot be written only costs the next run a parse.
        }
    }
}
