using System.IO.Hashing;

namespace CpuCompat.Inputs;

/// <summary>
/// A set of byte strings in the order they were added, found by their XxHash128 and then compared byte for byte,
/// so two different texts are never taken for one even if their hashes collide.
/// </summary>
internal sealed class DistinctBytes
{
    private readonly Dictionary<UInt128, List<int>> _byHash = [];
    private readonly List<byte[]> _items = [];

    public IReadOnlyList<byte[]> Items => _items;

    public bool Contains(ReadOnlySpan<byte> text) => IndexOf(text, XxHash128.HashToUInt128(text)) >= 0;

    /// <summary>Adds a copy of <paramref name="text"/> unless it is already in the set; true when it was added.</summary>
    public bool Add(ReadOnlySpan<byte> text) => Add(text, null);

    /// <summary>Adds <paramref name="text"/> itself (no copy; the caller gives it up) unless it is already in the set.</summary>
    public bool Add(byte[] text) => Add(text, text);

    private bool Add(ReadOnlySpan<byte> text, byte[]? owned)
    {
        var hash = XxHash128.HashToUInt128(text);
        if (IndexOf(text, hash) >= 0)
        {
            return false;
        }

        if (!_byHash.TryGetValue(hash, out var indices))
        {
            _byHash.Add(hash, indices = []);
        }

        indices.Add(_items.Count);
        _items.Add(owned ?? text.ToArray());
        return true;
    }

    private int IndexOf(ReadOnlySpan<byte> text, UInt128 hash)
    {
        if (_byHash.TryGetValue(hash, out var indices))
        {
            foreach (var index in indices)
            {
                if (text.SequenceEqual(_items[index]))
                {
                    return index;
                }
            }
        }

        return -1;
    }
}
