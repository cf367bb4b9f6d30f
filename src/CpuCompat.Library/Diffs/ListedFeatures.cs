using System.Collections.Immutable;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Diffs;

/// <summary>A feature both CPUs list, with another policy in each (a guest CPU's <c>require</c> that became <c>disable</c>).</summary>
public sealed record PolicyChange(string Name, FeaturePolicy? Old, FeaturePolicy? New);

/// <summary>
/// How the features two definitions list by name differ, apart from their models: added, removed, and listed by both
/// under another policy. This is what a reviewer sees in the XML; the expanded feature sets say what guests see.
/// </summary>
public sealed record ListedFeatures(ImmutableArray<CpuFeature> Added, ImmutableArray<CpuFeature> Removed, ImmutableArray<PolicyChange> Changed)
{
    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty && Changed.IsEmpty;

    /// <summary>
    /// The listed features of <paramref name="old"/> and <paramref name="new"/> compared by name, in each list's order.
    /// Policies compare as libvirt applies them: a host CPU's feature (no policy) counts as <c>require</c>, so the host
    /// and guest forms of the same CPU list nothing different.
    /// </summary>
    public static ListedFeatures Compare(CpuDefinition old, CpuDefinition @new)
    {
        var before = ByName(old);
        var after = ByName(@new);
        var added = @new.Features.Where(f => !before.ContainsKey(f.Name)).DistinctBy(f => f.Name).ToImmutableArray();
        var removed = old.Features.Where(f => !after.ContainsKey(f.Name)).DistinctBy(f => f.Name).ToImmutableArray();
        var changed = old.Features.DistinctBy(f => f.Name)
            .Where(f => after.TryGetValue(f.Name, out var n) && n.EffectivePolicy != f.EffectivePolicy)
            .Select(f => new PolicyChange(f.Name, f.Policy, after[f.Name].Policy))
            .ToImmutableArray();
        return new ListedFeatures(added, removed, changed);
    }

    /// <summary>The first listing of each name: libvirt refuses a definition that lists a feature twice, so later ones never count.</summary>
    private static Dictionary<string, CpuFeature> ByName(CpuDefinition cpu)
    {
        var byName = new Dictionary<string, CpuFeature>(StringComparer.Ordinal);
        foreach (var f in cpu.Features)
        {
            byName.TryAdd(f.Name, f);
        }

        return byName;
    }
}
