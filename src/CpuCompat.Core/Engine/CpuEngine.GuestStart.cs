using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Core.Engine;

/// <summary>
/// The CPU steps libvirt's QEMU driver takes when it starts a guest on a host, in order: validate the guest's
/// feature names, refuse a host that provides a forbidden feature, check that the guest runs on the host, update the
/// guest against the host's migratable CPU, and translate its model to one the hypervisor supports.
/// </summary>
public sealed partial class CpuEngine
{
    /// <summary>
    /// The concrete CPU a guest gets when it starts on <paramref name="host"/>, or an error; an
    /// <see cref="CpuErrorKind.Incompatible"/> error means the guest cannot run there.
    /// </summary>
    public Outcome<CpuDefinition> StartGuest(CpuDefinition guest, CpuDefinition host, AllowedModels? allowed = null)
    {
        // A custom CPU without a model (topology only, say) has nothing to resolve.
        if (guest.Mode == CpuMode.Custom && guest.Model is null)
        {
            return guest;
        }

        // The guest has no arch of its own: libvirt validates and translates with the domain's, i.e. the host's.
        var family = HostFamily(host);
        if (!family.Succeeded)
        {
            return family.Error;
        }

        var valid = ValidateFeatures(guest, family.Value);
        if (!valid.Succeeded)
        {
            return valid.Error;
        }

        // check='default' means 'none' for host-passthrough and maximum guests, 'partial' for the others.
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
            var compared = Compare(host, guest, failIncompatible: true);
            if (!compared.Succeeded)
            {
                return compared.Error;
            }
        }

        return Update(guest, CopyMigratable(host)).Then(updated => Translate(updated, allowed, family.Value));
    }
}
