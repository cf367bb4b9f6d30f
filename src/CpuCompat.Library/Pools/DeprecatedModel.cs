using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Features;

namespace CpuCompat.Pools;

/// <summary>
/// A model QEMU does not deprecate, and the features to require and to disable so that guests see exactly the CPU
/// the baseline gave them; <see cref="Cpu"/> is the baseline rewritten that way, ready to paste.
/// </summary>
public sealed record ModelProposal(string Model, ImmutableArray<string> Require, ImmutableArray<string> Disable, CpuDefinition Cpu);

/// <summary>
/// A pool whose baseline resolves to a model QEMU marks deprecated (its <c>query-cpu-definitions</c> reply), and the
/// nearest model it does not (null when QEMU offers none for this vendor).
/// </summary>
public sealed record DeprecatedModel(string Model, ModelProposal? Proposal)
{
    /// <summary>
    /// Null when the pool has no baseline or its model is not deprecated. Otherwise the proposal is the nearest model
    /// that QEMU lists and does not deprecate, of the baseline's vendor (or none), and usable: QEMU reports no blocker
    /// for it other than features the proposal disables. "Nearest" is the fewest edits — features to require (the
    /// baseline's that the model lacks) plus features to disable (the model's that the baseline does not offer) — then
    /// the most features (more of the guest named by the model itself), then a model rather than its alias of the same
    /// features (<c>Nehalem</c>, not <c>Nehalem-v1</c>), then the model defined last (the newest). The
    /// edits keep the guest's CPU the baseline's exactly, so it still runs on every member: the baseline does.
    /// </summary>
    public static DeprecatedModel? Of(CpuEngine engine, PoolBaseline pool, AllowedModels models)
    {
        if (!pool.Cpu.TryGetValue(out var cpu) || cpu.Model is not { } model || models.Find(model) is not { Deprecated: true })
        {
            return null;
        }

        var family = engine.FamilyOf(cpu);
        if (engine.Database.For(family) is not { } arch || engine.FeaturesOf(cpu, family) is not { Succeeded: true } features)
        {
            return new DeprecatedModel(model, null);
        }

        var offered = features.Value;
        var vendor = cpu.Vendor is { } name ? arch.FindVendor(name)?.Id : null;
        var candidates = arch.Models
            .Where(m => m.Name != model && (m.VendorId is null || vendor is null || m.VendorId == vendor))
            .Select(m => (Model: m, Entry: models.Find(m.Name), Require: offered.Except(m.Features), Disable: m.Features.Except(offered)))
            .Where(c => c.Entry is { Deprecated: false } && Usable(arch, c.Entry, c.Disable))
            .OrderBy(c => c.Require.PopCount() + c.Disable.PopCount())
            .ThenByDescending(c => c.Model.Features.PopCount())
            .ThenBy(c => c.Model.IsAlias)
            .ThenByDescending(c => c.Model.Id);
        foreach (var c in candidates)
        {
            var require = arch.NamesOf(c.Require);
            var disable = arch.NamesOf(c.Disable);
            var proposed = cpu with
            {
                Model = c.Model.Name,
                Features = [.. require.Select(f => new CpuFeature(f, FeaturePolicy.Require)), .. disable.Select(f => new CpuFeature(f, FeaturePolicy.Disable))],
            };

            // The edits are computed on the model's precomputed set; only a proposal whose definition really expands to
            // the baseline's features is one (a model's own quirks could make it differ), so check it as libvirt would.
            if (engine.FeaturesOf(proposed, family) is { Succeeded: true } check && check.Value == offered)
            {
                return new DeprecatedModel(model, new ModelProposal(c.Model.Name, [.. require], [.. disable], proposed));
            }
        }

        return new DeprecatedModel(model, null);
    }

    /// <summary>One line: "Penryn is deprecated by QEMU; nearest model it does not deprecate: Nehalem, disable sse4.2, popcnt".</summary>
    public static string Describe(DeprecatedModel deprecated)
    {
        if (deprecated.Proposal is not { } p)
        {
            return $"{deprecated.Model} is deprecated by QEMU, and QEMU offers no other model of this vendor that it can run";
        }

        var edits = new List<string>();
        if (!p.Require.IsEmpty)
        {
            edits.Add($"require {string.Join(", ", p.Require)}");
        }

        if (!p.Disable.IsEmpty)
        {
            edits.Add($"disable {string.Join(", ", p.Disable)}");
        }

        return $"{deprecated.Model} is deprecated by QEMU; nearest model it does not deprecate: {p.Model}" + (edits.Count == 0 ? " (the same features)" : ", " + string.Join("; ", edits));
    }

    /// <summary>QEMU can run the model once the proposal's disabled features are off: every blocker it reports is one of them.</summary>
    private static bool Usable(ArchDatabase arch, AllowedModel entry, in FeatureSet disabled)
    {
        if (entry.Usability != ModelUsability.No)
        {
            return true;
        }

        foreach (var blocker in entry.Blockers)
        {
            if (arch.FindFeatureOrAlias(blocker) is not { } f || !disabled.Contains(f.Id))
            {
                return false;
            }
        }

        return true;
    }
}
