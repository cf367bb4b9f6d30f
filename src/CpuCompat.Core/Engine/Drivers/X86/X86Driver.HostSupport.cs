using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// Features libvirt's QEMU driver removes from the host-model CPU it reports: QEMU cannot give them to a guest
    /// (cache-monitoring and OS-controlled bits; in 11.x also three VMX capability bits QEMU does not emulate).
    /// </summary>
    private static readonly string[] HostModelFiltered = ["cmt", "mbm_total", "mbm_local", "osxsave", "ospke"];

    private static readonly string[] HostModelFiltered11 = ["vmx-ept-uc", "vmx-ept-wb", "vmx-invvpid-single-context"];

    /// <summary>
    /// The features of CPU data after the database's rules (the broken-TSX quirk), which is what the host really
    /// offers a guest.
    /// </summary>
    internal FeatureSet EffectiveFeatures(X86Input data) => _decoder.Value.ApplyRules(data, DetectVendor(data.Leaf0), null).Features;

    public Outcome<ImmutableArray<string>> OfferedFeatures(CpuData data, bool migratableOnly)
    {
        var offered = EffectiveFeatures(Input(data));
        return Database.NamesOf(migratableOnly ? offered.Except(Database.NonMigratable) : offered).ToImmutableArray();
    }

    /// <summary>
    /// Usable when the host has all of the model's features (whatever the model's vendor), otherwise the missing
    /// features are its blockers. This is what QEMU reports as model usability under KVM; without QEMU to ask,
    /// CpuCompat derives it from the CPUID data and the map.
    /// </summary>
    public Outcome<ImmutableArray<ModelSupport>> ModelSupport(CpuData data) => ModelSupport(Input(data));

    private ImmutableArray<ModelSupport> ModelSupport(X86Input data)
    {
        var features = EffectiveFeatures(data);
        var result = ImmutableArray.CreateBuilder<ModelSupport>(Database.Models.Length);
        foreach (var model in Database.Models)
        {
            var missing = model.Features.Except(features);
            var modelVendor = model.VendorId is { } v ? Database.Vendors[v].Name : null;
            result.Add(new ModelSupport(model, modelVendor, missing.IsEmpty, [.. Database.NamesOf(missing)]));
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// Domain capabilities report the full host-model CPU (<paramref name="migratable"/> false); a host-model guest is
    /// started with the migratable one. The features dropped are the ones libvirt's QEMU driver removes because QEMU
    /// cannot give them to a guest.
    /// </summary>
    public Outcome<CpuDefinition> HostModel(CpuData data, AllowedModels? allowed, bool migratable)
    {
        var input = Input(data);
        allowed ??= new AllowedModels(ModelSupport(input).Select(s => new AllowedModel(
            s.Model.Name, s.Usable ? ModelUsability.Yes : ModelUsability.No, s.Blockers)));
        var stub = CpuDefinition.NewGuest() with { Mode = CpuMode.HostModel, Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid };
        var decoded = Decode(new X86DecodeRequest(stub, input) { Allowed = allowed, Migratable = migratable });
        if (!decoded.Succeeded)
        {
            return decoded.Error;
        }

        var filtered = Generation >= LibvirtGeneration.Libvirt11 ? HostModelFiltered.Concat(HostModelFiltered11) : HostModelFiltered;
        var drop = filtered.ToHashSet(StringComparer.Ordinal);
        return decoded.Value with { Features = [.. decoded.Value.Features.Where(f => !drop.Contains(f.Name))] };
    }
}
