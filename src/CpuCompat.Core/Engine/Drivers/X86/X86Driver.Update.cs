using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// Update: resolve optional features against the host; host-model and minimum-match guests take the
    /// host's model and features; finally the model's removed features are listed with <paramref name="removedPolicy"/>.
    /// </summary>
    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy)
    {
        if (relative)
        {
            if (host is null)
            {
                return Errors.Invalid("unknown host CPU model");
            }

            var h = DataOf(host, PolicySelector.All);
            if (!h.Succeeded)
            {
                return h.Error;
            }

            var features = guest.Features.ToBuilder();
            for (var i = 0; i < features.Count; i++)
            {
                if (features[i].Policy != FeaturePolicy.Optional)
                {
                    continue;
                }

                var name = features[i].Name;
                if (!IsKnownFeature(name))
                {
                    return X86Messages.UnknownFeature(Database, name);
                }

                var present = Database.FindFeature(name) is { } f && h.Value.Contains(f.Id);
                features[i] = features[i] with { Policy = present ? FeaturePolicy.Require : FeaturePolicy.Disable };
            }

            guest = guest with { Features = features.ToImmutable() };
            if (guest.Mode == CpuMode.HostModel || guest.Match == CpuMatch.Minimum)
            {
                guest = HostModelUpdate(guest, host);
            }
        }

        if (guest.Model is not { } modelName || Database.FindModel(modelName) is not { } model)
        {
            return X86Messages.UnknownModel(Database, guest.Model ?? "");
        }

        foreach (var id in model.Removed)
        {
            var name = Database.Features[id].Name;
            if (guest.FindFeature(name) is null)
            {
                guest = guest with { Features = guest.Features.Add(new CpuFeature(name, removedPolicy)) };
            }
        }

        return guest;
    }

    /// <summary>The guest becomes the host CPU (model, features as <c>require</c>) with its own features applied on top.</summary>
    private static CpuDefinition HostModelUpdate(CpuDefinition guest, CpuDefinition host)
    {
        var updated = CpuDefinition.NewGuest() with
        {
            Model = host.Model,
            Vendor = host.Vendor,
            VendorId = guest.VendorId ?? host.VendorId,
            Features = [.. host.Features.Select(f => f with { Policy = f.Policy ?? FeaturePolicy.Require })],
        };
        foreach (var f in guest.Features)
        {
            updated = updated.WithFeature(f.Name, f.Policy);
        }

        var custom = guest.Mode == CpuMode.Custom;
        return guest with
        {
            Model = updated.Model,
            Features = updated.Features,
            Vendor = custom ? guest.Vendor : updated.Vendor,
            VendorId = custom ? guest.VendorId : updated.VendorId,
            Mode = CpuMode.Custom,
            Match = CpuMatch.Exact,
        };
    }
}
