using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Inputs;

namespace CpuCompat.Diffs;

/// <summary>
/// Two descriptions of the same host or pool, before and after a change (a QEMU, libvirt, kernel, firmware or
/// microcode update): the model, vendor, signature and microcode before and after, the features guests gain and lose
/// (of the full feature sets the model and features expand to), the security-relevant ones lost, how the listed
/// features changed, and with a guests directory the guests that would no longer start.
/// </summary>
public sealed record CpuDiff(
    DiffSide Old,
    DiffSide New,
    ImmutableArray<string> Gained,
    ImmutableArray<string> Lost,
    ImmutableArray<string> SecurityLost,
    ListedFeatures Listed,
    GuestCheck? Guests)
{
    public bool ModelChanged => Old.Cpu.Model != New.Cpu.Model;

    /// <summary>Both name a vendor and they differ (a guest CPU without a vendor says nothing about it).</summary>
    public bool VendorChanged => Old.Cpu.Vendor is { } a && New.Cpu.Vendor is { } b && a != b;

    /// <summary>Both know their signature (host CPUs) and it differs.</summary>
    public bool SignatureChanged => Signature(Old) is { } a && Signature(New) is { } b && a != b;

    /// <summary>Both know their microcode version and it differs.</summary>
    public bool MicrocodeChanged => Old.Cpu.Microcode != 0 && New.Cpu.Microcode != 0 && Old.Cpu.Microcode != New.Cpu.Microcode;

    /// <summary>
    /// Whether the change takes something from guests: a feature of the old CPU is gone, the vendor changed (a guest
    /// naming the old vendor no longer starts), or a guest that ran before would not start now. <c>diff</c> exits 1 then.
    /// </summary>
    public bool LosesSomething => !Lost.IsEmpty || VendorChanged || Guests is { Stops.IsEmpty: false };

    /// <summary>The signature of a side, when it has one (family 0 means none, as libvirt prints it).</summary>
    public static CpuSignature? Signature(DiffSide side) => side.Cpu.Signature is { Family: not 0 } s ? s : null;

    /// <summary>
    /// The diff of <paramref name="old"/> and <paramref name="new"/>, with the guests of <paramref name="guestsDirectory"/>
    /// checked against both when given.
    /// </summary>
    public static Outcome<CpuDiff> Of(CpuEngine engine, CpuReader reader, DiffSide old, DiffSide @new, string? guestsDirectory)
    {
        // Both sides are x86 CPUs whose features were listed (DiffSide.Of), so the database has their section.
        var arch = engine.Database.For(old.Family)!;
        GuestCheck? guests = null;
        if (guestsDirectory is not null)
        {
            var checkedGuests = GuestStops.Check(engine, reader, guestsDirectory, old, @new);
            if (!checkedGuests.TryGetValue(out guests))
            {
                return checkedGuests.Error!;
            }
        }

        var lost = arch.NamesOf(old.Features.Except(@new.Features));
        return new CpuDiff(
            old,
            @new,
            [.. arch.NamesOf(@new.Features.Except(old.Features))],
            [.. lost],
            [.. lost.Where(name => arch.FindFeature(name)!.Tags.Contains("security"))],
            ListedFeatures.Compare(old.Cpu, @new.Cpu),
            guests);
    }
}
