using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Inputs;
using CpuCompat.Pools;

namespace CpuCompat.Diffs;

/// <summary>A guest that runs on the old CPU and would not start on the new one: libvirt's reason and the features at fault.</summary>
public sealed record GuestStop(string Guest, string Reason, ImmutableArray<string> Features);

/// <summary>The guests of a directory checked against both CPUs: how many there are, how many run on the old CPU, and which of those stop.</summary>
public sealed record GuestCheck(string Directory, int Checked, int RanBefore, ImmutableArray<GuestStop> Stops);

/// <summary>
/// Which guests a change stops. A guest runs on a CPU exactly when libvirt's cpu-compare of the guest with it says
/// identical or superset, as <c>check</c> and <c>pool what-if</c> decide. A guest-form side (a pool's baseline) stands
/// for a host that offers exactly its features: the host CPU libvirt would report for such a host.
/// </summary>
public static class GuestStops
{
    public static Outcome<GuestCheck> Check(CpuEngine engine, CpuReader reader, string directory, DiffSide old, DiffSide @new)
    {
        var oldHost = HostOf(engine, old);
        var newHost = HostOf(engine, @new);
        if (!oldHost.Succeeded || !newHost.Succeeded)
        {
            return oldHost.Error ?? newHost.Error!;
        }

        var guests = Guests.Read(directory, reader);
        if (!guests.TryGetValue(out var list))
        {
            return guests.Error!;
        }

        var ranBefore = 0;
        var stops = ImmutableArray.CreateBuilder<GuestStop>();
        foreach (var guest in list)
        {
            // An unreadable guest is bad input: the answer "which guests stop" would be silently incomplete without it.
            if (!guest.Cpu.TryGetValue(out var cpu))
            {
                return guest.Cpu.Error!;
            }

            var before = engine.Compare(oldHost.Value, cpu).In(guest.File);
            var after = engine.Compare(newHost.Value, cpu).In(guest.File);
            if (!before.Succeeded || !after.Succeeded)
            {
                return before.Error ?? after.Error!;
            }

            if (before.Value.Result == CompareResult.Incompatible)
            {
                continue;
            }

            ranBefore++;
            if (after.Value.Result == CompareResult.Incompatible)
            {
                stops.Add(new GuestStop(guest.File, after.Value.Reason ?? "incompatible", after.Value.Features));
            }
        }

        return new GuestCheck(directory, list.Length, ranBefore, stops.ToImmutable());
    }

    /// <summary>
    /// The host CPU a side stands for. A host form is itself; a guest form is the host CPU libvirt reports for raw data
    /// with exactly the guest's features and vendor (every side of a diff is an x86 CPU, which raw data describes).
    /// </summary>
    public static Outcome<CpuDefinition> HostOf(CpuEngine engine, DiffSide side)
    {
        if (side.Form == CpuForm.Host)
        {
            return side.Cpu;
        }

        var arch = engine.Database.For(side.Family)!;
        var vendorName = side.Cpu.Vendor ?? (arch.FindModel(side.Cpu.Model!)?.VendorId is { } id ? arch.Vendors[id].Name : null);
        var vendor = vendorName is null ? null : arch.FindVendor(vendorName)?.CpuidString;
        return engine.DataFromProperties(arch.NamesOf(side.Features), vendor, signature: null, side.Family)
            .Then(data => engine.DecodeHost(data, family: side.Family))
            .In(side.Name);
    }
}
