using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Diffs;
using CpuCompat.Formats.Detection;

namespace CpuCompat.Output.Text;

/// <summary>
/// <c>cpucompat diff</c> for people: both CPUs on a line each, then only what changed — model, vendor, signature,
/// microcode, the features guests gain and lose, the security-relevant ones lost, the listed features, the guests that
/// stop — and a last line saying whether anything was lost.
/// </summary>
public static class DiffText
{
    /// <summary>Where wrapped feature lists continue: under the first name after "features gained: ".</summary>
    private const int Indent = 17;

    public static string Format(CpuDiff diff)
    {
        var text = new StringBuilder();
        text.Append($"OLD {Side(diff.Old)}\nNEW {Side(diff.New)}\n");
        if (diff.ModelChanged)
        {
            text.Append($"model: {diff.Old.Cpu.Model} -> {diff.New.Cpu.Model}\n");
        }

        if (diff.VendorChanged)
        {
            text.Append($"vendor: {diff.Old.Cpu.Vendor} -> {diff.New.Cpu.Vendor}\n");
        }

        if (diff.SignatureChanged)
        {
            text.Append($"signature: {Signature(CpuDiff.Signature(diff.Old)!.Value)} -> {Signature(CpuDiff.Signature(diff.New)!.Value)}\n");
        }

        if (diff.MicrocodeChanged)
        {
            text.Append($"microcode: 0x{diff.Old.Cpu.Microcode:x} -> 0x{diff.New.Cpu.Microcode:x}\n");
        }

        if (diff.Gained.IsEmpty && diff.Lost.IsEmpty)
        {
            text.Append("features: the same for guests\n");
        }
        else
        {
            text.Append($"features gained: {List(diff.Gained)}\n");
            text.Append($"features lost:   {List(diff.Lost)}\n");
        }

        if (!diff.SecurityLost.IsEmpty)
        {
            text.Append($"security features lost: {TextWrap.Join(diff.SecurityLost, 24)}\n");
        }

        Listed(text, diff.Listed);
        if (diff.Guests is { } guests)
        {
            var run = guests.RanBefore == 1 ? "1 runs" : $"{guests.RanBefore} run";
            text.Append($"guests of {guests.Directory}: {PoolBaselineText.Count(guests.Checked, "guest")}, ");
            text.Append(guests.RanBefore == 0 ? "none runs on OLD\n"
                : guests.Stops.IsEmpty ? $"{run} on OLD and on NEW\n"
                : $"{run} on OLD, {guests.Stops.Length} would no longer start on NEW\n");
            foreach (var stop in guests.Stops)
            {
                var features = stop.Features.IsEmpty ? "" : $": {string.Join(", ", stop.Features)}";
                text.Append($"  {stop.Guest} would no longer start: {stop.Reason}{features}\n");
            }
        }

        text.Append(diff.LosesSomething ? "verdict: guests lose something (exit 1)\n" : "verdict: nothing lost (exit 0)\n");
        return text.ToString();
    }

    private static string Side(DiffSide side)
    {
        var parts = new List<string> { $"{side.Name}: {DiffSide.Describe(side.Form)} ({side.Format.NameOf()})", side.Cpu.Model! };
        if (side.Cpu.Vendor is { } vendor)
        {
            parts.Add(vendor);
        }

        if (CpuDiff.Signature(side) is { } signature)
        {
            parts.Add(Signature(signature));
        }

        if (side.Cpu.Microcode != 0)
        {
            parts.Add($"microcode 0x{side.Cpu.Microcode:x}");
        }

        parts.Add(PoolBaselineText.Count(side.Features.PopCount(), "feature"));
        return string.Join(", ", parts);
    }

    private static string Signature(CpuSignature s) => $"family {s.Family} model {s.Model} stepping {s.Stepping}";

    private static string List(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : TextWrap.Join(names, Indent);

    private static void Listed(StringBuilder text, ListedFeatures listed)
    {
        if (listed.IsEmpty)
        {
            return;
        }

        var parts = new List<string>();
        parts.AddRange(listed.Added.Select(f => $"+{Policy(f.Policy)}{f.Name}"));
        parts.AddRange(listed.Removed.Select(f => $"-{Policy(f.Policy)}{f.Name}"));
        parts.AddRange(listed.Changed.Select(c => $"{c.Name} {(c.Old ?? FeaturePolicy.Require).Name()} -> {(c.New ?? FeaturePolicy.Require).Name()}"));
        text.Append($"listed features: {TextWrap.Join(parts, 17)}\n");
    }

    /// <summary>A guest's policy before the name (<c>+disable:avx</c>); a host CPU's feature has none.</summary>
    private static string Policy(FeaturePolicy? policy) => policy is { } p ? $"{p.Name()}:" : "";
}
