using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CpuCompat.Fleets;

/// <summary>
/// The labels of a host (<c>cluster</c>: <c>east</c>), sorted by name. Hosts with the same labels share one
/// instance (see <see cref="FleetBuilder"/>), so 100,000 hosts cost a handful of label sets.
/// </summary>
public sealed class HostLabels : IReadOnlyDictionary<string, string>
{
    public static HostLabels Empty { get; } = new([]);

    private readonly ImmutableArray<KeyValuePair<string, string>> _pairs;

    private HostLabels(ImmutableArray<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    /// <summary>Labels from pairs in any order; a later pair with the same name wins.</summary>
    public static HostLabels Of(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            sorted[key] = value;
        }

        return sorted.Count == 0 ? Empty : new HostLabels([.. sorted]);
    }

    public int Count => _pairs.Length;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int lo = 0, hi = _pairs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(_pairs[mid].Key, key);
            if (c == 0)
            {
                value = _pairs[mid].Value;
                return true;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A stable text of the labels (<c>cluster=east,rack=r1</c>), the key that interns them.</summary>
    public override string ToString() => string.Join(",", _pairs.Select(p => $"{p.Key}={p.Value}"));
}
