using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Queries;

/// <summary>
/// Why a decode chose its model (<c>cpucompat explain</c>): the rules applied to the data, every model visited in
/// libvirt's order with its verdict, and the result or the error.
/// </summary>
public sealed record DecodeExplanation(bool Guest, DecodeTrace Trace, ImmutableArray<AppliedRule> AppliedRules, Outcome<CpuDefinition> Result)
{
    /// <summary>Decodes <paramref name="data"/> as a host (or, with <paramref name="guest"/>, as a host-model guest) and keeps every decision.</summary>
    public static DecodeExplanation Of(CpuEngine engine, CpuData data, bool guest, AllowedModels? allowed = null)
    {
        var trace = new DecodeTrace();
        var result = guest ? engine.DecodeGuest(data, allowed, trace) : engine.DecodeHost(data, trace);
        var db = engine.Database.X86;
        var applied = trace.AppliedRules.Select(name => db!.Rules.First(r => r.Name == name))
            .Select(r => new AppliedRule(r.Name, r.Condition.ToString(), [.. db!.NamesOf(r.Drop)]));
        return new DecodeExplanation(guest, trace, [.. applied], result);
    }
}

/// <summary>A quirk rule that applied to the data: its name, its condition in DSL syntax, and the features it dropped.</summary>
public sealed record AppliedRule(string Name, string Condition, ImmutableArray<string> Drops);
