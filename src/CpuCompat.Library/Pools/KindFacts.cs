using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;

namespace CpuCompat.Pools;

/// <summary>
/// What policies look at for each distinct CPU of a fleet, computed once: its architecture family, the features it
/// stands for, its vendor and signature (as facts for pool selectors). A CPU whose features cannot be listed (an
/// unknown model) has none, and no pool policy selects it.
/// </summary>
public sealed class KindFacts
{
    private KindFacts(ImmutableArray<ArchFamily> families, ImmutableArray<FeatureSet?> features, ImmutableArray<RuleFacts> facts)
    {
        Families = families;
        Features = features;
        Facts = facts;
    }

    public ImmutableArray<ArchFamily> Families { get; }

    public ImmutableArray<FeatureSet?> Features { get; }

    /// <summary>Facts without labels; a host's labels are added when its selector is evaluated.</summary>
    public ImmutableArray<RuleFacts> Facts { get; }

    public static KindFacts Of(CpuEngine engine, Fleet fleet)
    {
        var families = ImmutableArray.CreateBuilder<ArchFamily>(fleet.Kinds.Length);
        var features = ImmutableArray.CreateBuilder<FeatureSet?>(fleet.Kinds.Length);
        var facts = ImmutableArray.CreateBuilder<RuleFacts>(fleet.Kinds.Length);
        foreach (var kind in fleet.Kinds)
        {
            var family = engine.FamilyOf(kind.Cpu);
            var set = engine.FeaturesOf(kind.Cpu, family) is { Succeeded: true } f ? f.Value : (FeatureSet?)null;
            var vendor = kind.Cpu.Vendor is { } name ? engine.Database.For(family)?.FindVendor(name)?.Id : null;
            var signature = kind.Cpu.Signature;
            families.Add(family);
            features.Add(set);
            facts.Add(new RuleFacts(vendor, signature is { Family: not 0 }, signature?.Family ?? 0, signature?.Model ?? 0, signature?.Stepping ?? 0, set ?? FeatureSet.Empty));
        }

        return new KindFacts(families.MoveToImmutable(), features.MoveToImmutable(), facts.MoveToImmutable());
    }
}
