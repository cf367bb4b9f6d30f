using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Fleets;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Pools;

namespace CpuCompat.Output.Text;

/// <summary>
/// <c>cpucompat pool baseline</c> for people: per pool its members by kind, the baseline and its level, which hosts
/// hold it back and what they cost, the security-relevant features it loses, what its policy left out, then the
/// baseline itself.
/// </summary>
public static class PoolBaselineText
{
    /// <summary>How many host names a line lists before "and N more".</summary>
    public const int NamesShown = 5;

    // deprecated: per pool, in order, what --models says of its model (null: not deprecated, or no model list).
    public static string Format(Fleet fleet, IReadOnlyList<PoolBaseline> pools, LibvirtGeneration generation, IReadOnlyList<DeprecatedModel?>? deprecated = null)
    {
        var text = new StringBuilder();
        text.Append($"{Count(fleet.Hosts.Length, "host")} of {Count(fleet.Kinds.Length, "kind")} from {fleet.Source}");
        text.Append(fleet.Problems.IsEmpty ? "\n" : $"; {fleet.Problems.Length} left out (see stderr)\n");
        for (var i = 0; i < pools.Count; i++)
        {
            text.Append('\n');
            Pool(text, fleet, pools[i], generation);
            if (deprecated?[i] is { } d)
            {
                Deprecated(text, d);
            }
        }

        return text.ToString();
    }

    public static void Pool(StringBuilder text, Fleet fleet, PoolBaseline pool, LibvirtGeneration generation)
    {
        var p = pool.Pool;
        text.Append($"pool {p.Name}: {Count(p.Members.Length, "host")} of {Count(p.Kinds.Length, "kind")}\n");
        var named = new Dictionary<int, List<string>>();
        foreach (var h in p.Members)
        {
            var list = named.TryGetValue(fleet.Hosts[h].Kind, out var l) ? l : named[fleet.Hosts[h].Kind] = [];
            if (list.Count < NamesShown)
            {
                list.Add(fleet.Hosts[h].Name);
            }
        }

        foreach (var (kind, hosts) in p.Kinds.OrderByDescending(k => k.Hosts))
        {
            text.Append($"  {hosts,5} x {fleet.Kinds[kind].Label}: {Names(named[kind], hosts)}\n");
        }

        foreach (var e in p.Excluded.Take(NamesShown))
        {
            text.Append($"  left out: {e.Host} lacks {string.Join(", ", e.Lacks)}, which the pool requires\n");
        }

        if (p.Excluded.Length > NamesShown)
        {
            text.Append($"  left out: and {p.Excluded.Length - NamesShown} more hosts that lack required features\n");
        }

        if (!pool.Cpu.TryGetValue(out var cpu))
        {
            text.Append($"  no baseline: {pool.Cpu.Error!.Message}\n");
            return;
        }

        var required = cpu.Features.Count(f => f.Policy == FeaturePolicy.Require);
        var disabled = cpu.Features.Count(f => f.Policy == FeaturePolicy.Disable);
        text.Append($"  baseline: {cpu.Model} with {Count(required, "feature")} on top{(disabled > 0 ? $" and {disabled} disabled" : "")}");
        text.Append(pool.Level is { } level ? $"; ABI level {level.Name}\n" : "\n");
        foreach (var g in pool.Generations)
        {
            var beyond = g.Beyond.IsEmpty ? "nothing beyond it" : $"beyond it:\n      {TextWrap.Join(g.Beyond, 6)}";
            text.Append($"  generation: every member has all of {g.Model} ({g.Vendor ?? "vendor-neutral"}); {beyond}\n");
        }

        if (pool.CrossVendor is { } mixed)
        {
            text.Append($"  cross-vendor: {TextWrap.Words($"{string.Join(" and ", mixed.Vendors)} hosts, which libvirt's baseline refuses; guests get {cpu.Model} without a vendor, with every feature all members share", 4)}\n");
            text.Append("  moving a running guest between vendors:\n");
            foreach (var risk in mixed.Risks)
            {
                text.Append($"    - {TextWrap.Words(risk, 6)}\n");
            }
        }
        foreach (var cost in pool.HeldBackBy.Take(NamesShown))
        {
            var reach = cost.ModelWithout is { } m && m != cpu.Model ? $" (without them: {m})" : "";
            text.Append($"  held back: the {Count(cost.Hosts, "host")} of {fleet.Kinds[cost.Kind].Label} cost {TextWrap.Join(cost.Gains, 6)}{reach}\n");
        }

        if (!pool.SecurityLost.IsEmpty)
        {
            text.Append($"  security features some members have and guests lose: {TextWrap.Join(pool.SecurityLost, 6)}\n");
        }

        if (pool.Minimum is { } min)
        {
            text.Append(min.Met ? $"  minimum {min.Model}: met\n" : $"  minimum {min.Model}: NOT met, the baseline lacks {TextWrap.Join(min.Lacks, 6)}\n");
        }

        foreach (var line in CpuXmlWriter.Format(cpu, generation).TrimEnd('\n').Split('\n'))
        {
            text.Append("  ").Append(line).Append('\n');
        }
    }

    /// <summary>A deprecated baseline model and the proposal, its edits wrapped one kind a line.</summary>
    private static void Deprecated(StringBuilder text, DeprecatedModel deprecated)
    {
        if (deprecated.Proposal is not { } p)
        {
            text.Append($"  deprecated: {DeprecatedModel.Describe(deprecated)}\n");
            return;
        }

        text.Append($"  deprecated: {deprecated.Model} is deprecated by QEMU; nearest model it does not deprecate: {p.Model}\n");
        if (!p.Require.IsEmpty)
        {
            text.Append($"    require: {TextWrap.Join(p.Require, 13)}\n");
        }

        if (!p.Disable.IsEmpty)
        {
            text.Append($"    disable: {TextWrap.Join(p.Disable, 13)}\n");
        }
    }

    public static string Names(IEnumerable<string> names, int total)
    {
        var shown = names.Take(NamesShown).ToList();
        return string.Join(", ", shown) + (total > shown.Count ? $" and {total - shown.Count} more" : "");
    }

    public static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
