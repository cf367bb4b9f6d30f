using CpuCompat.Core.Cpu;

namespace CpuCompat.Libvirt.Xml;

/// <summary>
/// Equal <see cref="CpuFeature"/> values shared between the CPUs one caller parses: thousands of hosts list the same
/// few hundred features, and one instance each keeps a list of hosts small. One table per policy, keyed by name, so a
/// lookup hashes one string and nothing else. Not thread-safe: one per thread.
/// </summary>
internal sealed class FeatureCache
{
    // Index 0: no policy (a host's features); then one per FeaturePolicy value.
    private readonly Dictionary<string, CpuFeature>[] _byPolicy =
        [.. Enumerable.Range(0, Enum.GetValues<FeaturePolicy>().Length + 1).Select(_ => new Dictionary<string, CpuFeature>(StringComparer.Ordinal))];

    public CpuFeature Get(string name, FeaturePolicy? policy)
    {
        var table = _byPolicy[policy is { } p ? (int)p + 1 : 0];
        if (!table.TryGetValue(name, out var feature))
        {
            table.Add(name, feature = new CpuFeature(name, policy));
        }

        return feature;
    }
}
