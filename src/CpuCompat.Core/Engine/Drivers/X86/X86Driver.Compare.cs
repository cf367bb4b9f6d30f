using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>Compare: is <paramref name="cpu"/> identical to, a subset of, or incompatible with the host?</summary>
    public Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible)
    {
        if (host?.Model is null)
        {
            return failIncompatible ? Errors.Incompatible("unknown host CPU") : CompareOutcome.IncompatibleBecause("unknown host CPU");
        }

        if (cpu.Arch is { } arch && arch is not ("i686" or "x86_64"))
        {
            return Verdict(CompareOutcome.IncompatibleBecause($"CPU arch {arch} does not match host arch"), failIncompatible);
        }

        if (cpu.Vendor is { } vendor && host.Vendor != vendor)
        {
            return Verdict(CompareOutcome.IncompatibleBecause($"host CPU vendor does not match required CPU vendor {vendor}"), failIncompatible);
        }

        var h = DataOf(host, PolicySelector.All);
        var f = DataOf(cpu, PolicySelector.Force);
        var r = DataOf(cpu, PolicySelector.Require);
        var o = DataOf(cpu, PolicySelector.Optional);
        var d = DataOf(cpu, PolicySelector.Disable);
        var x = DataOf(cpu, PolicySelector.Forbid);
        foreach (var part in new[] { h, f, r, o, d, x })
        {
            if (!part.Succeeded)
            {
                return part.Error;
            }
        }

        var (hostData, forced, required, optional, disabled, forbidden) = (h.Value, f.Value, r.Value, o.Value, d.Value, x.Value);
        var provided = forbidden & hostData;
        if (!provided.IsEmpty)
        {
            return Verdict(CompareOutcome.IncompatibleBecause("Host CPU provides forbidden features", Database.NamesOf(provided)), failIncompatible);
        }

        // Features the model implies but that were forced, made optional or disabled no longer count as required.
        required = required.Except(forced).Except(optional).Except(disabled);
        var lacking = required.Except(hostData);
        if (!lacking.IsEmpty)
        {
            return Verdict(CompareOutcome.IncompatibleBecause("Host CPU does not provide required features", Database.NamesOf(lacking)), failIncompatible);
        }

        var diff = hostData.Except(optional).Except(required).Except(disabled).Except(forced);
        if (diff.IsEmpty)
        {
            return CompareOutcome.Identical;
        }

        if (cpu.Type == CpuType.Guest && cpu.Match == CpuMatch.Strict)
        {
            return Verdict(CompareOutcome.IncompatibleBecause("Host CPU does not strictly match guest CPU: Extra features", Database.NamesOf(diff)), failIncompatible);
        }

        return CompareOutcome.Superset;
    }

    private static Outcome<CompareOutcome> Verdict(CompareOutcome outcome, bool failIncompatible) =>
        failIncompatible && outcome.Result == CompareResult.Incompatible
            ? Errors.Incompatible($"the CPU is incompatible with host CPU: {outcome.Message}")
            : outcome;
}
