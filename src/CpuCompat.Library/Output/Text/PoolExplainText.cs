using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Fleets;
using CpuCompat.Pools;
using static CpuCompat.Output.Text.PoolBaselineText;

namespace CpuCompat.Output.Text;

/// <summary>
/// <c>cpucompat pool explain</c> for people: per pool its baseline model, then each newer model some member can run
/// with the hosts that cannot and what they lack, and what the pool would get without them. Models no member can run
/// are counted, not listed (the JSON lists them).
/// </summary>
public static class PoolExplainText
{
    /// <summary>How many newer models some member can run are shown per pool.</summary>
    public const int ModelsShown = 8;

    public static string Format(Fleet fleet, IReadOnlyList<PoolExplanation> pools)
    {
        var text = new StringBuilder();
        text.Append($"{Count(fleet.Hosts.Length, "host")} of {Count(fleet.Kinds.Length, "kind")} from {fleet.Source}\n");
        foreach (var explanation in pools)
        {
            var pool = explanation.Baseline;
            text.Append($"\npool {pool.Pool.Name}: {Count(pool.Pool.Members.Length, "host")} of {Count(pool.Pool.Kinds.Length, "kind")}");
            if (!pool.Cpu.TryGetValue(out var cpu))
            {
                text.Append($"; no baseline: {pool.Cpu.Error!.Message}\n");
                continue;
            }

            text.Append($"; baseline {cpu.Model}{(pool.Level is { } level ? $", ABI level {level.Name}" : "")}\n");
            var reachable = explanation.Newer.Where(m => m.HostsLacking < pool.Pool.Members.Length).ToList();
            foreach (var model in reachable.Take(ModelsShown))
            {
                Model(text, fleet, pool, model);
            }

            if (reachable.Count > ModelsShown)
            {
                text.Append($"  and {reachable.Count - ModelsShown} more newer models some members can run (see --json)\n");
            }

            var none = explanation.Newer.Length - reachable.Count;
            text.Append(reachable.Count == 0 && none == 0
                ? $"  no newer model than {cpu.Model}\n"
                : none > 0 ? $"  {none} newer models no member has all the features of\n" : "");
        }

        return text.ToString();
    }

    private static void Model(StringBuilder text, Fleet fleet, PoolBaseline pool, NewerModel model)
    {
        if (model.Blockers.IsEmpty)
        {
            text.Append($"  {model.Model}: every member has all its features (libvirt's baseline names {pool.Cpu.Value.Model} by its own rule)\n");
            return;
        }

        text.Append($"  {model.Model}: held back by {Count(model.HostsLacking, "host")} of {Count(model.Blockers.Length, "kind")}\n");
        foreach (var b in model.Blockers)
        {
            text.Append($"    {b.Hosts,5} x {fleet.Kinds[b.Kind].Label}: {Names(b.FirstHosts, b.Hosts)}\n");
            text.Append($"            lack {TextWrap.Join(b.Lacks, 17)}\n");
        }

        if (model.BaselineWithout is { } without)
        {
            var required = without.Features.Count(f => f.Policy == FeaturePolicy.Require);
            text.Append($"    retiring them: the other {Count(pool.Pool.Members.Length - model.HostsLacking, "host")} would get {without.Model} with {Count(required, "feature")} on top\n");
        }
    }
}
