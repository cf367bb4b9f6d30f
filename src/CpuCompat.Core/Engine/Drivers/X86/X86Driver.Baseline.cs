using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// Baseline: intersect every CPU's features, settle the vendor, then guest-decode the intersection
    /// preferring the input models. The input CPUs all have models (checked by <see cref="CpuEngine"/>).
    /// </summary>
    public Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable, IReadOnlyList<string>? preferredOverride = null)
    {
        var first = DataOf(cpus[0], PolicySelector.All);
        if (!first.Succeeded)
        {
            return first.Error.About(0);
        }

        var baseData = first.Value;

        // libvirt consults cpus[0]'s own vendor only, never its model's; the vendor is printed only when every CPU names one.
        var printVendor = cpus[0].Vendor is not null;
        VendorDefinition? vendor = null;
        if (cpus[0].Vendor is { } v0)
        {
            vendor = Database.FindVendor(v0);
            if (vendor is null)
            {
                return X86Messages.UnknownVendor(Database, v0).About(0);
            }
        }

        var preferred = new List<string> { cpus[0].Model! };
        for (var i = 1; i < cpus.Count; i++)
        {
            var cpu = cpus[i];
            if (!preferred.Contains(cpu.Model!))
            {
                preferred.Add(cpu.Model!);
            }

            var data = DataOf(cpu, PolicySelector.All);
            if (!data.Succeeded)
            {
                return data.Error.About(i);
            }

            var modelVendor = Database.FindModel(cpu.Model!)!.VendorId is { } mv ? Database.Vendors[mv].Name : null;
            if (cpu.Vendor is { } cv && modelVendor is not null && cv != modelVendor)
            {
                return Errors.Invalid($"CPU vendor {cv} of model {cpu.Model} differs from the vendor of the model, {modelVendor}").About(i);
            }

            var candidate = cpu.Vendor;
            if (candidate is null)
            {
                printVendor = false;
                candidate = modelVendor;
            }

            if (candidate is not null)
            {
                if (vendor is null)
                {
                    vendor = Database.FindVendor(candidate);
                    if (vendor is null)
                    {
                        return X86Messages.UnknownVendor(Database, candidate).About(i);
                    }
                }
                else if (vendor.Name != candidate)
                {
                    // About this CPU: the first whose vendor differs from those before it.
                    return Errors.Invalid("CPU vendors do not match").About(i);
                }
            }

            baseData &= data.Value;
        }

        if (featureFilter is not null)
        {
            var filter = FeatureSet.Of(featureFilter.Select(Database.FindFeature).OfType<FeatureDefinition>().Select(f => f.Id));
            baseData &= filter;
        }

        if (baseData.IsEmpty)
        {
            return Errors.Invalid("CPUs are incompatible");
        }

        var stub = CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Allow };
        var request = new X86DecodeRequest(stub, X86Input.FromFeatures(baseData, vendor))
        {
            Allowed = allowed,
            Preferred = preferredOverride is { Count: > 0 } ? preferredOverride : preferred,
            Migratable = migratable,
        };
        var decoded = Decode(request);
        if (!decoded.Succeeded)
        {
            return decoded.Error;
        }

        var result = decoded.Value;
        var chosenAmong = preferredOverride is { Count: > 0 } ? preferredOverride : preferred;
        if (chosenAmong.Count == 1 && result.Model == chosenAmong[0])
        {
            result = result with { Fallback = CpuFallback.Forbid };
        }

        return printVendor ? result : result with { Vendor = null };
    }
}
