using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>Which features of a definition <see cref="X86FeatureData.Of"/> collects.</summary>
internal enum PolicySelector
{
    All,
    Force,
    Require,
    Optional,
    Disable,
    Forbid,
}

/// <summary>
/// <c>data(cpu, P)</c>, libvirt's encoding of a definition: the features a definition asks for under one policy, or under all of them
/// (model + forced + required − disabled − forbidden; optional ignored).
/// </summary>
internal static class X86FeatureData
{
    public static Outcome<FeatureSet> Of(ArchDatabase db, CpuDefinition cpu, PolicySelector selector)
    {
        var set = FeatureSet.Empty;
        if (cpu.Type == CpuType.Host && selector is not (PolicySelector.Require or PolicySelector.All))
        {
            return set;
        }

        if (cpu.Model is { } modelName && selector is PolicySelector.Require or PolicySelector.All)
        {
            if (db.FindModel(modelName) is not { } model)
            {
                return X86Messages.UnknownModel(db, modelName);
            }

            set = model.Features;
        }

        foreach (var feature in cpu.Features)
        {
            var policy = feature.EffectivePolicy;
            if (selector == PolicySelector.All ? policy == FeaturePolicy.Optional : !Selects(selector, policy))
            {
                continue;
            }

            if (db.FindFeature(feature.Name) is not { } definition)
            {
                return X86Messages.UnknownFeature(db, feature.Name);
            }

            set = selector == PolicySelector.All && policy is FeaturePolicy.Disable or FeaturePolicy.Forbid
                ? set.Without(definition.Id)
                : set.With(definition.Id);
        }

        return set;
    }

    private static bool Selects(PolicySelector selector, FeaturePolicy policy) => selector switch
    {
        PolicySelector.Force => policy == FeaturePolicy.Force,
        PolicySelector.Require => policy == FeaturePolicy.Require,
        PolicySelector.Optional => policy == FeaturePolicy.Optional,
        PolicySelector.Disable => policy == FeaturePolicy.Disable,
        PolicySelector.Forbid => policy == FeaturePolicy.Forbid,
        _ => true,
    };
}
