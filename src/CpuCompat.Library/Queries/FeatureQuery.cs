using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;

namespace CpuCompat.Queries;

/// <summary>
/// One feature under every name it goes by, and who has it: the models that include it or remove it, what it
/// depends on and what depends on it. A hypervisor feature (a KVM/Hyper-V name without a map entry) has only its bits.
/// </summary>
public sealed record FeatureReport(
    string Name,
    ArchDatabase? Arch,
    FeatureDefinition? Feature,
    ImmutableArray<DataSlot> Bits,
    ImmutableArray<string> Models,
    int ModelCount,
    ImmutableArray<string> RemovedIn,
    ImmutableArray<string> Requires,
    ImmutableArray<string> RequiredBy)
{
    /// <summary>True for a KVM/Hyper-V feature that libvirt's x86 driver knows by name only.</summary>
    public bool IsHypervisorFeature => Feature is null;
}

/// <summary>Looks a feature up in every architecture of a database, by its libvirt, QEMU or Linux spelling.</summary>
public static class FeatureQuery
{
    public static Outcome<FeatureReport> Describe(CpuEngine engine, string name)
    {
        var db = engine.Database;
        foreach (var arch in db.Architectures)
        {
            if (arch.FindFeatureOrAlias(name) is { } f)
            {
                return new FeatureReport(
                    f.Name,
                    arch,
                    f,
                    f.Bits,
                    [.. arch.Models.Where(m => m.Features.Contains(f.Id)).Select(m => m.Name)],
                    arch.Models.Length,
                    [.. arch.Models.Where(m => m.Removed.Contains(f.Id)).Select(m => m.Name)],
                    [.. arch.Dependencies.Where(d => d.FeatureId == f.Id).SelectMany(d => arch.NamesOf(d.Requires)).Distinct()],
                    [.. arch.Dependencies.Where(d => d.Requires.Contains(f.Id)).Select(d => arch.Features[d.FeatureId].Name).Distinct()]);
            }
        }

        if (engine.FindHypervisorFeature(name) is { } hv)
        {
            return new FeatureReport(name, null, null, [hv], [], 0, [], [], []);
        }

        var names = db.Architectures.SelectMany(a => a.Features.SelectMany(f => f.Aliases.Select(x => x.Name).Prepend(f.Name)));
        return Errors.UnknownName($"unknown CPU feature '{name}'{NameSuggester.Hint(name, names)}");
    }
}
