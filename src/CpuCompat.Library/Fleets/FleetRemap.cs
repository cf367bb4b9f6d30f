using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;

namespace CpuCompat.Fleets;

/// <summary>
/// A fleet as another database sees it (<c>--to-cpu-map DIR</c>: the fleet after moving to that libvirt): every
/// distinct CPU decoded again. Raw CPUID data is decoded as the new map decodes it, as libvirt does on a host after an
/// upgrade; a CPU given as a definition is first turned into the CPUID bits its features stand for under the old map
/// (with its vendor and signature), then decoded by the new one.
/// </summary>
public static class FleetRemap
{
    public static Outcome<Fleet> To(Fleet fleet, CpuEngine from, CpuEngine to)
    {
        var kinds = ImmutableArray.CreateBuilder<HostKind>(fleet.Kinds.Length);
        foreach (var kind in fleet.Kinds)
        {
            var data = kind.Data ?? DataOf(from, to, kind.Cpu);
            if (!data.TryGetValue(out var raw))
            {
                return data.Error!.In($"host {kind.FirstHost}");
            }

            var decoded = to.DecodeHost(raw);
            if (!decoded.TryGetValue(out var cpu))
            {
                return decoded.Error!.In($"host {kind.FirstHost} under the new map");
            }

            kinds.Add(kind.WithCpu(cpu));
        }

        return new Fleet(fleet.Source, fleet.Hosts, kinds.MoveToImmutable(), fleet.Problems);
    }

    private static Outcome<CpuData> DataOf(CpuEngine from, CpuEngine to, CpuDefinition cpu)
    {
        var family = from.FamilyOf(cpu);
        if (from.Database.For(family) is not { } arch)
        {
            return Errors.Unsupported($"the database has no {ArchNames.DslName(family)} models");
        }

        return from.FeaturesOf(cpu, family).Then(features =>
        {
            var vendor = cpu.Vendor is { } v ? arch.FindVendor(v)?.CpuidString : null;
            return to.DataFromProperties(arch.NamesOf(features), vendor, cpu.Signature);
        });
    }
}
