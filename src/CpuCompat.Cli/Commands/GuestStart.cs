using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;

namespace CpuCompat.Cli.Commands;

/// <summary>
/// The CPU steps libvirt's QEMU driver takes when it starts a guest (semantics §14): validate, check forbidden
/// features, compare, update against the migratable host CPU, translate to an allowed model.
/// </summary>
internal static class GuestStart
{
    public static Outcome<CpuDefinition> Resolve(CpuEngine engine, CpuDefinition guest, CpuDefinition host, AllowedModels? allowed)
    {
        // A custom CPU without a model (topology only, say) has nothing to resolve.
        if (guest.Mode == CpuMode.Custom && guest.Model is null)
        {
            return guest;
        }

        // The guest has no arch of its own: libvirt validates and translates with the domain's, i.e. the host's.
        var family = engine.HostFamily(host);
        if (!family.Succeeded)
        {
            return family.Error;
        }

        var valid = engine.ValidateFeatures(guest, family.Value);
        if (!valid.Succeeded)
        {
            return valid.Error;
        }

        var passthrough = guest.Mode is CpuMode.HostPassthrough or CpuMode.Maximum;
        var check = guest.Check != CpuCheck.Default ? guest.Check : passthrough ? CpuCheck.None : CpuCheck.Partial;
        if (check != CpuCheck.None)
        {
            foreach (var f in guest.Features.Where(f => f.Policy == FeaturePolicy.Forbid))
            {
                if (host.Features.Any(h => h.Name == f.Name && h.Policy != FeaturePolicy.Disable))
                {
                    return Errors.Incompatible($"Host CPU provides forbidden feature '{f.Name}'");
                }
            }
        }

        if (passthrough)
        {
            return guest;
        }

        if (check == CpuCheck.Partial)
        {
            var compared = engine.Compare(host, guest, failIncompatible: true);
            if (!compared.Succeeded)
            {
                return compared.Error;
            }
        }

        return engine.Update(guest, engine.CopyMigratable(host)).Then(updated => engine.Translate(updated, allowed, family.Value));
    }
}
