using System.Text;

namespace CpuCompat.Libvirt.Xml.Elements;

/// <summary>
/// One string instance per distinct ASCII byte sequence: element and attribute names and most values repeat from host
/// to host, so a list of 10,000 hosts needs a few hundred strings, not a million. Looked up by the bytes themselves
/// (no conversion to UTF-16 first), with a per-process random hash so that crafted input cannot make it quadratic.
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class AsciiInterner
{
    /// <summary>Beyond this many strings (only values that never repeat get here) new ones are no longer kept.</summary>
    private const int MaxEntries = 1 << 16;

    private string?[] _strings = new string?[1024];
    private int[] _hashes = new int[1024];
    private int _count;

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
                    Insert(value, hash);
                }

                return value;
            }

            if (_hashes[i] == hash && Ascii.Equals(ascii, known))
            {
                return known;
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> ascii)
    {
        var hash = default(HashCode);
        hash.AddBytes(ascii);
        return hash.ToHashCode() & int.MaxValue;
    }

    private void Insert(string value, int hash)
    {
        // Kept at most half full, so that a probe ends soon.
        if (++_count * 2 > _strings.Length)
        {
            var (strings, hashes) = (_strings, _hashes);
            _strings = new string?[strings.Length * 2];
            _hashes = new int[strings.Length * 2];
            for (var i = 0; i < strings.Length; i++)
            {
                if (strings[i] is { } s)
                {
                    Place(s, hashes[i]);
                }
            }
        }

        Place(value, hash);
    }

    private void Place(string value, int hash)
    {
        var mask = _strings.Length - 1;
        var i = hash & mask;
        while (_strings[i] is not null)
        {
            i = (i + 1) & mask;
        }

        (_strings[i], _hashes[i]) = (value, hash);
    }
}
