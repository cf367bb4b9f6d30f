using System.Collections.Immutable;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers;

/// <summary>Whether a hypervisor can run a CPU model on this host.</summary>
public enum ModelUsability
{
    Unknown,
    Yes,
    No,
}

/// <summary>
/// An entry of an allowed-models list (what QEMU's <c>query-cpu-definitions</c> reports): a model name, whether it is
/// usable, and the features (libvirt spelling) that block it. Only the name and blockers influence decoding.
/// </summary>
public sealed record AllowedModel(string Name, ModelUsability Usability, ImmutableArray<string> Blockers)
{
    /// <summary>The hypervisor marks the model deprecated (QEMU's <c>deprecated</c>); decoding ignores it, reports say it.</summary>
    public bool Deprecated { get; init; }

    /// <summary>A model the hypervisor says nothing about (usability unknown, no blockers).</summary>
    public static AllowedModel Named(string name) => new(name, ModelUsability.Unknown, []);

    /// <summary>Content equality: the blockers are compared element by element.</summary>
    public bool Equals(AllowedModel? other) =>
        other is not null && Name == other.Name && Usability == other.Usability && Deprecated == other.Deprecated
        && (Blockers.IsDefault ? [] : Blockers).AsSpan().SequenceEqual((other.Blockers.IsDefault ? [] : other.Blockers).AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        hash.Add(Usability);
        hash.Add(Deprecated);
        foreach (var blocker in Blockers.IsDefault ? [] : Blockers)
        {
            hash.Add(blocker);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Blockers.IsDefaultOrEmpty ? $"{Name} ({Usability})" : $"{Name} ({Usability}: {string.Join(", ", Blockers)})";
}

/// <summary>An allowed-models list with lookup by exact, case-sensitive name.</summary>
public sealed class AllowedModels
{
    private readonly Dictionary<string, AllowedModel> _byName = new(StringComparer.Ordinal);

    public AllowedModels(IEnumerable<AllowedModel> models)
    {
        Models = [.. models];
        foreach (var m in Models)
        {
            _byName.TryAdd(m.Name, m);
        }
    }

    public ImmutableArray<AllowedModel> Models { get; }

    public AllowedModel? Find(string name) => _byName.GetValueOrDefault(name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public static AllowedModels Of(params string[] names) => new(names.Select(AllowedModel.Named));
}
