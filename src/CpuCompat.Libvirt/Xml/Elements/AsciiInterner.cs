using System.IO.Hashing;
using System.Text;

namespace CpuCompat.Libvirt.Xml.Elements;

/// <summary>
/// One string instance per distinct ASCII byte sequence: element and attribute names and most values repeat from host
/// to host, so a list of 10,000 hosts needs a few hundred strings, not a million. Looked up by the bytes themselves
/// (no conversion to UTF-16 first), with a hash seeded at random so that crafted input cannot make it quadratic.
/// The names the CPU parser asks for are the literals themselves, so its comparisons end at the reference check.
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class AsciiInterner
{
    /// <summary>Element and attribute names of a <c>&lt;cpu&gt;</c>: interned as the very literals the parser compares with.</summary>
    private static readonly string[] Known =
    [
        "cpu", "arch", "model", "vendor", "feature", "name", "policy", "signature", "family", "stepping", "topology",
        "sockets", "dies", "clusters", "cores", "threads", "cache", "level", "mode", "fallback", "vendor_id", "counter",
        "frequency", "scaling", "maxphysaddr", "bits", "limit", "microcode", "version", "match", "check", "migratable",
        "numa", "deprecated_features", "require", "disable", "optional", "force", "forbid", "custom", "host-model",
        "host-passthrough", "exact", "minimum", "strict", "allow", "partial", "full", "none", "on", "off",
    ];

    /// <summary>Beyond this many strings (only values that never repeat get here) new ones are no longer kept.</summary>
    private const int MaxEntries = 1 << 16;

    private readonly long _seed = Random.Shared.NextInt64();
    private string?[] _strings = new string?[1024];
    private byte[]?[] _bytes = new byte[]?[1024];
    private int[] _hashes = new int[1024];
    private int _count;

    public AsciiInterner()
    {
        foreach (var name in Known)
        {
            var bytes = Encoding.ASCII.GetBytes(name);
            Insert(name, bytes, Hash(bytes));
        }
    }

    /// <summary>The string of <paramref name="ascii"/> (which must be ASCII), the same instance as at every earlier occurrence.</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        var hash = Hash(ascii);
        var mask = _strings.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var known = _strings[i];
            if (known is null)
            {
                var value = Encoding.ASCII.GetString(ascii);
                if (_count < MaxEntries)
                {
                    Insert(value, ascii.ToArray(), hash);
                }

                return value;
            }

            if (_hashes[i] == hash && ascii.SequenceEqual(_bytes[i]))
            {
                return known;
            }
        }
    }

    // XxHash3 is a few nanoseconds for a name; HashCode over bytes costs several times that.
    private int Hash(ReadOnlySpan<byte> ascii) => (int)XxHash3.HashToUInt64(ascii, _seed) & int.MaxValue;

    private void Insert(string value, byte[] bytes, int hash)
    {
        // Kept at most half full, so that a probe ends soon.
        if (++_count * 2 > _strings.Length)
        {
            var (strings, allBytes, hashes) = (_strings, _bytes, _hashes);
            _strings = new string?[strings.Length * 2];
            _bytes = new byte[]?[strings.Length * 2];
            _hashes = new int[strings.Length * 2];
            for (var i = 0; i < strings.Length; i++)
            {
                if (strings[i] is { } s)
                {
                    Place(s, allBytes[i]!, hashes[i]);
                }
            }
        }

        Place(value, bytes, hash);
    }

    private void Place(string value, byte[] bytes, int hash)
    {
        var mask = _strings.Length - 1;
        var i = hash & mask;
        while (_strings[i] is not null)
        {
            i = (i + 1) & mask;
        }

        (_strings[i], _bytes[i], _hashes[i]) = (value, bytes, hash);
    }
}
