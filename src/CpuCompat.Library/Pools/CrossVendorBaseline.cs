using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Fleets;

namespace CpuCompat.Pools;

/// <summary>
/// What a pool of more than one vendor's hosts gives up, beside libvirt's refusal: the vendors, the features all hosts
/// of one vendor have that the pool does not offer (that vendor's own features and generations), whether the members'
/// TSC frequencies are known to agree, and the risks of moving a running guest between vendors said in words.
/// Guests keep everything the pool offers, its ABI level included.
/// </summary>
public sealed record CrossVendorNote(
    ImmutableArray<string> Vendors,
    ImmutableArray<(string Vendor, ImmutableArray<string> Features)> VendorOnly,
    bool TscAgrees,
    ImmutableArray<string> Risks);

/// <summary>
/// A guest CPU for a pool of Intel and AMD hosts, which libvirt's baseline refuses ("CPU vendors do not match"). The
/// guest names no vendor, so libvirt's compare accepts it on any host, and under KVM QEMU shows each host's own vendor.
/// Its model is one of the database's vendor-neutral models (no vendor of their own, not an alias, and not one the map
/// marks never to decode to, such as the RHEL-only cpu64-rhel6, which upstream QEMU does not define); the features all
/// members share are required on top of it and the model's features some member lacks are disabled, so the guest sees
/// exactly what every member has. Of the candidate models the one needing the fewest feature lines is taken (then the
/// fewer disabled, then the name), which makes the choice independent of the order of the hosts.
/// </summary>
public static class CrossVendorBaseline
{
    /// <summary>The distinct vendors of a pool's members, in name order; hosts that report none are not counted.</summary>
    public static ImmutableArray<string> VendorsOf(Fleet fleet, Pool pool) =>
        [.. pool.Kinds.Select(k => fleet.Kinds[k.Kind].Cpu.Vendor).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    public static Outcome<CpuDefinition> Of(ArchDatabase arch, PoolPolicy? policy, ReadOnlySpan<Core.Features.FeatureSet> members)
    {
        var offered = arch.AllFeatures & Core.Features.FeatureSet.IntersectAll(members);

        if (policy is not null)
        {
            offered = offered.Except(policy.Forbid);
            if (policy.Migratable)
            {
                offered = offered.Except(arch.NonMigratable);
            }
        }

        var allowed = policy is null || policy.Allow.IsDefaultOrEmpty ? null : policy.Allow.ToHashSet();
        var best = arch.Models
            .Where(m => m.VendorId is null && !m.IsAlias && (m.DecodeHost || m.DecodeGuest) && !m.Features.IsEmpty && (allowed is null || allowed.Contains(m.Id)))
            .Select(m => (Model: m, Required: offered.Except(m.Features), Disabled: m.Features.Except(offered)))
            .OrderBy(c => c.Required.PopCount() + c.Disabled.PopCount())
            .ThenBy(c => c.Disabled.PopCount())
            .ThenBy(c => c.Model.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Model is null)
        {
            return Errors.NoModel(allowed is null
                ? "the database has no vendor-neutral CPU model for a pool of several vendors"
                : "none of the pool's allowed models is vendor-neutral, as a pool of several vendors needs");
        }

        var cpu = CpuDefinition.NewGuest() with
        {
            Model = best.Model.Name,
            Features = [
                .. best.Required.ToList().Select(id => new CpuFeature(arch.Features[id].Name, FeaturePolicy.Require)),
                .. best.Disabled.ToList().Select(id => new CpuFeature(arch.Features[id].Name, FeaturePolicy.Disable)),
            ],
        };
        return cpu;
    }

    /// <summary>What the pool's vendors lose to each other, from the members' features and what the pool offers.</summary>
    public static CrossVendorNote Note(Fleet fleet, KindFacts facts, Pool pool, ArchDatabase arch, Core.Features.FeatureSet offered, AbiLevel? level, ImmutableArray<string> securityLost)
    {
        var vendorOnly = ImmutableArray.CreateBuilder<(string, ImmutableArray<string>)>();
        foreach (var group in pool.Kinds.GroupBy(k => fleet.Kinds[k.Kind].Cpu.Vendor).Where(g => g.Key is not null).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shared = arch.AllFeatures;
            foreach (var (kind, _) in group)
            {
                shared &= facts.Features[kind] ?? Core.Features.FeatureSet.Empty;
            }

            vendorOnly.Add((group.Key!, [.. arch.NamesOf(shared.Except(offered))]));
        }

        var frequencies = pool.Kinds.Select(k => fleet.Kinds[k.Kind].Cpu.Tsc?.Frequency).ToList();
        var tscAgrees = frequencies.All(f => f is not null) && frequencies.Distinct().Count() == 1;
        var only = vendorOnly.ToImmutable();
        var invariantTsc = arch.FindFeature("invtsc") is { } invtsc && offered.Contains(invtsc.Id);
        return new CrossVendorNote(VendorsOf(fleet, pool), only, tscAgrees, Risks(only, tscAgrees, invariantTsc, level, offered.PopCount(), securityLost));
    }

    /// <summary>
    /// What moving a running guest between vendors risks, plainly: the guest keeps the features it was given, but its
    /// kernel chose vendor-specific code at boot, which the new host's CPU does not change.
    /// </summary>
    private static ImmutableArray<string> Risks(
        ImmutableArray<(string Vendor, ImmutableArray<string> Features)> vendorOnly, bool tscAgrees, bool invariantTsc, AbiLevel? level, int offered, ImmutableArray<string> securityLost)
    {
        var risks = ImmutableArray.CreateBuilder<string>();
        risks.Add($"the guest keeps the {offered} features every member has{(level is null ? "" : $" (ABI level {level.Name}: programs built for it keep running)")}; nothing it was given goes away on any member");
        risks.Add("its CPUID vendor string changes with the host under KVM, while its kernel keeps the vendor-specific code paths, errata workarounds and model-specific registers (MSRs) it chose at boot; a guest that touches another vendor's MSRs after migration can fault");
        foreach (var (vendor, features) in vendorOnly.Where(v => !v.Features.IsEmpty))
        {
            risks.Add($"what only {vendor} hosts have is not offered: {string.Join(", ", features)}");
        }

        risks.Add(securityLost.IsEmpty
            ? "speculative-execution mitigations are chosen at boot for the vendor the guest started on; after a move they may not fit the new host's CPU"
            : $"speculative-execution mitigations are chosen at boot for the vendor the guest started on, and these security features are not offered: {string.Join(", ", securityLost)}");
        risks.Add(tscAgrees
            ? "all members report the same TSC frequency, so the guest's TSC keeps its rate"
            : "the members' TSC frequencies differ or are unknown: a guest's TSC rate changes on migration unless the destination scales it (hardware TSC scaling) or the guest uses kvmclock");
        if (invariantTsc)
        {
            risks.Add("invtsc (invariant TSC) is offered: QEMU refuses to migrate a guest that has it unless the guest's TSC frequency is set; a pool policy with 'migratable' leaves it out");
        }

        risks.Add("try a live migration each way with your guest operating system before relying on it");
        return risks.ToImmutable();
    }
}
