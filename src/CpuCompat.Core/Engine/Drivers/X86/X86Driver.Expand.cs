using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// Expand (x86 part): the model's features in map order, then the definition's own features on top
    /// (guests: only require and disable ones), then a guest's removed-model features as disabled.
    /// </summary>
    public Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu)
    {
        if (cpu.Model is not { } name || Database.FindModel(name) is not { } model)
        {
            return X86Messages.UnknownModel(Database, cpu.Model ?? "");
        }

        var host = cpu.Type == CpuType.Host;
        FeaturePolicy? implied = host ? null : FeaturePolicy.Require;
        var expanded = cpu with { Features = [.. Database.NamesOf(model.Features).Select(n => new CpuFeature(n, implied))] };
        foreach (var f in cpu.Features)
        {
            if (host || f.Policy is FeaturePolicy.Require or FeaturePolicy.Disable)
            {
                expanded = expanded.WithFeature(f.Name, f.Policy);
            }
        }

        if (!host)
        {
            foreach (var id in model.Removed)
            {
                var removed = Database.Features[id].Name;
                if (expanded.FindFeature(removed) is null)
                {
                    expanded = expanded.WithFeature(removed, FeaturePolicy.Disable);
                }
            }
        }

        return expanded;
    }
}
