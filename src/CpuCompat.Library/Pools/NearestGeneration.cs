using System.Collections.Immutable;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Pools;

/// <summary>A named CPU generation every member of a pool has all the features of, and what the pool offers beyond it.</summary>
public sealed record Generation(string Model, string? Vendor, ImmutableArray<string> Beyond);

/// <summary>
/// The baseline as people read it. libvirt's exact form can be an old model with many features on top (a mixed pool
/// comes out as <c>qemu64</c> plus dozens); what an operator recognises is the newest generation whose features are all
/// offered. For each vendor of the pool that is the vendor's model (or a vendor-neutral one) with the most features
/// all inside what the pool offers, ties going to the later one in the database, which lists models oldest first;
/// aliases and the models the map never decodes to (compatibility models such as cpu64-rhel6) are left out so that the
/// name is one people use.
/// </summary>
public static class NearestGeneration
{
    public static ImmutableArray<Generation> Of(ArchDatabase arch, IReadOnlyList<string> vendors, in FeatureSet offered)
    {
        var found = ImmutableArray.CreateBuilder<Generation>();
        var groups = vendors.Count == 0 ? new string?[] { null } : vendors.Select(v => (string?)v);
        foreach (var vendor in groups)
        {
            var vendorId = vendor is null ? null : arch.FindVendor(vendor)?.Id;
            ModelDefinition? best = null;
            foreach (var model in arch.Models)
            {
                if (model.IsAlias || !(model.DecodeHost || model.DecodeGuest) || model.Features.IsEmpty || !model.Features.IsSubsetOf(offered)
                    || (model.VendorId is { } v && v != vendorId))
                {
                    continue;
                }

                if (best is null || model.Features.PopCount() >= best.Features.PopCount())
                {
                    best = model;
                }
            }

            if (best is not null && !found.Any(g => g.Model == best.Name))
            {
                found.Add(new Generation(best.Name, best.VendorId is { } id ? arch.Vendors[id].Name : null, [.. arch.NamesOf(offered.Except(best.Features))]));
            }
        }

        return found.ToImmutable();
    }
}
