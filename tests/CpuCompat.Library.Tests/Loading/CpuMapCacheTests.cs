using CpuCompat.Core;
using CpuCompat.Core.Database;
using CpuCompat.Core.Serialization;
using CpuCompat.Loading;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Loading;

/// <summary>
/// The compiled cpu_map cache: a hit gives exactly the database a fresh read gives, and anything doubtful (a changed
/// map, a damaged or foreign entry, a cache that cannot be written) falls back to reading the map.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CpuMapCacheTests
{
    private sealed class CountingLoad(string map)
    {
        public int Calls { get; private set; }

        public Outcome<CpuDatabase> Load()
        {
            Calls++;
            return DatabaseLoader.LoadCpuMap(map);
        }
    }

    private static string CopyMap(TempDirectory dir, string version)
    {
        var copy = dir.File("cpu_map");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(SharedData.CpuMapDir(version)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    [Theory]
    [InlineData("9.0.0")]
    [InlineData("11.3.0")]
    public void A_hit_gives_the_database_a_fresh_read_gives(string version)
    {
        using var dir = new TempDirectory();
        var map = CopyMap(dir, version);
        var cache = new CpuMapCache(dir.File("cache"));
        var load = new CountingLoad(map);

        var first = cache.GetOrLoad(map, load.Load);
        var second = cache.GetOrLoad(map, load.Load);

        Assert.Equal(1, load.Calls);
        Assert.Single(Directory.GetFiles(cache.Directory));
        Assert.Equal(DatabaseWriter.ToBytes(first.Value), DatabaseWriter.ToBytes(second.Value));
        Assert.Equal(DatabaseWriter.ToBytes(DatabaseLoader.LoadCpuMap(map).Value), DatabaseWriter.ToBytes(second.Value));
        Assert.Equal(map, second.Value.Source);
    }

    [Fact]
    public void A_changed_map_is_read_again()
    {
        using var dir = new TempDirectory();
        var map = CopyMap(dir, "11.3.0");
        var cache = new CpuMapCache(dir.File("cache"));
        var load = new CountingLoad(map);
        cache.GetOrLoad(map, load.Load);

        var file = Path.Combine(map, "x86_Penryn.xml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("<feature name='ssse3'/>", "", StringComparison.Ordinal));
        var changed = cache.GetOrLoad(map, load.Load);

        Assert.Equal(2, load.Calls);
        Assert.Equal(DatabaseWriter.ToBytes(DatabaseLoader.LoadCpuMap(map).Value), DatabaseWriter.ToBytes(changed.Value));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("writable by others")]
    [InlineData("a link")]
    public void A_doubtful_entry_is_passed_over(string damage)
    {
        using var dir = new TempDirectory();
        var map = CopyMap(dir, "11.3.0");
        var cache = new CpuMapCache(dir.File("cache"));
        var load = new CountingLoad(map);
        var good = DatabaseWriter.ToBytes(cache.GetOrLoad(map, load.Load).Value);
        var entry = Assert.Single(Directory.GetFiles(cache.Directory));
        var bytes = File.ReadAllBytes(entry);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);
                break;
            case "flipped":
                bytes[40] ^= 0xFF;
                File.WriteAllBytes(entry, bytes);
                break;
            case "writable by others":
                File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) | UnixFileMode.OtherWrite);
                break;
            default:
                var elsewhere = dir.File("elsewhere.ccdb");
                File.Move(entry, elsewhere);
                File.CreateSymbolicLink(entry, elsewhere);
                break;
        }

        var again = cache.GetOrLoad(map, load.Load);
        Assert.Equal(2, load.Calls);
        Assert.Equal(good, DatabaseWriter.ToBytes(again.Value));
    }

    [Fact]
    public void Old_entries_beyond_sixteen_are_removed()
    {
        using var dir = new TempDirectory();
        var map = CopyMap(dir, "11.3.0");
        var cache = new CpuMapCache(dir.File("cache"));
        Directory.CreateDirectory(cache.Directory);
        for (var i = 0; i < 20; i++)
        {
            var stale = Path.Combine(cache.Directory, $"cpu_map-{i:x32}.ccdb");
            File.WriteAllText(stale, "old");
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-1 - i));
        }

        cache.GetOrLoad(map, () => DatabaseLoader.LoadCpuMap(map));
        var kept = Directory.GetFiles(cache.Directory).Select(Path.GetFileName).ToList();
        Assert.Equal(16, kept.Count);
        Assert.Contains(kept, name => !name!.StartsWith("cpu_map-000", StringComparison.Ordinal));
        Assert.DoesNotContain($"cpu_map-{19:x32}.ccdb", kept);
    }

    [Fact]
    public void A_cache_that_cannot_be_written_only_costs_a_read()
    {
        using var dir = new TempDirectory();
        var map = CopyMap(dir, "11.3.0");
        var blocker = dir.Write("not-a-directory", "x");
        var cache = new CpuMapCache(Path.Combine(blocker, "cache"));
        var load = new CountingLoad(map);
        Assert.True(cache.GetOrLoad(map, load.Load).Succeeded);
        Assert.True(cache.GetOrLoad(map, load.Load).Succeeded);
        Assert.Equal(2, load.Calls);
    }

    [Fact]
    public void The_cache_is_shared_by_processes_without_harm()
    {
        using var dir = new TempDirectory();
        var map = CopyMap(dir, "11.3.0");
        var cache = new CpuMapCache(dir.File("cache"));
        var expected = DatabaseWriter.ToBytes(DatabaseLoader.LoadCpuMap(map).Value);
        var results = Enumerable.Range(0, 4).AsParallel().Select(_ => DatabaseWriter.ToBytes(cache.GetOrLoad(map, () => DatabaseLoader.LoadCpuMap(map)).Value)).ToList();
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Single(Directory.GetFiles(cache.Directory));
    }
}
