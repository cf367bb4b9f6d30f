using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Partitions;
using CpuCompat.Pools;

namespace CpuCompat.Output.Text;

/// <summary>
/// <c>cpucompat pool suggest</c> for people: the objective of the suggested partition next to one pool per group,
/// the greedy merge and the ceiling; a table of the pools; then each pool as <c>pool baseline</c> prints it (members
/// by kind, baseline, ABI level, the hosts that hold it back and what they cost).
/// </summary>
public static class PoolSuggestText
{
    public static string Format(PoolSuggestion suggestion, LibvirtGeneration generation)
    {
        var fleet = suggestion.Fleet;
        var text = new StringBuilder();
        text.Append($"{PoolBaselineText.Count(fleet.Hosts.Length, "host")} of {PoolBaselineText.Count(fleet.Kinds.Length, "kind")} from {fleet.Source}");
        text.Append(fleet.Problems.IsEmpty ? "\n" : $"; {fleet.Problems.Length} left out (see stderr)\n");
        var unit = suggestion.Weights.Source is { } file ? $"weighted features ({file})" : "features";
        var scores = suggestion.Scores;
        var whole = suggestion.Groups is [{ Policy: null, Name: PoolPlanner.WholeFleet }];
        text.Append($"{PoolBaselineText.Count(suggestion.Pools.Length, "pool")} of at most {suggestion.Asked}, by {Method(suggestion.Method, whole)}: ");
        text.Append($"guests keep {N(suggestion.Value)} {unit}, summed over hosts\n");
        text.Append($"  {Method(PartitionMethod.OnePool, whole)}: {N(scores.OnePool)}; greedy merge: {N(scores.Greedy)}; greedy merge then moves: {N(scores.Refined)}; ");
        text.Append($"each host on its own: {N(scores.Ceiling)}\n\n");

        var width = Math.Max(4, suggestion.Pools.Max(p => (int?)p.Baseline.Pool.Name.Length) ?? 0);
        var modelWidth = Math.Max(8, suggestion.Pools.Max(p => (int?)Model(p).Length) ?? 0);
        // With weights, a pool's value is its hosts times its features' weight, not their number: show both.
        var weighted = suggestion.Weights.Source is not null;
        text.Append($"  {"pool".PadRight(width)}  hosts  kinds  {"baseline".PadRight(modelWidth)}  features  {(weighted ? "weight  " : "")}ABI level  value\n");
        foreach (var pool in suggestion.Pools)
        {
            var p = pool.Baseline;
            text.Append($"  {p.Pool.Name.PadRight(width)}  {p.Pool.Members.Length,5}  {p.Pool.Kinds.Length,5}  {Model(pool).PadRight(modelWidth)}  ");
            text.Append($"{p.Offered.PopCount(),8}  {(weighted ? $"{pool.OfferedWeight,6}  " : "")}{(p.Level?.Name ?? "-"),-9}  {N(pool.Value)}\n");
        }

        foreach (var group in suggestion.Groups.Where(g => !g.Excluded.IsEmpty))
        {
            text.Append($"  left out of {group.Name}: {PoolBaselineText.Names(group.Excluded.Select(e => $"{e.Host} (lacks {string.Join(", ", e.Lacks)})"), group.Excluded.Length)}\n");
        }

        if (!suggestion.Unplaced.IsEmpty)
        {
            text.Append($"  in no pool (no policy selects them): {PoolBaselineText.Names(suggestion.Unplaced, suggestion.Unplaced.Length)}\n");
        }

        foreach (var pool in suggestion.Pools)
        {
            text.Append('\n');
            PoolBaselineText.Pool(text, fleet, pool.Baseline, generation);
        }

        return text.ToString();
    }

    /// <summary>The method in words; <paramref name="whole"/>: the suggestion split a whole fleet (not the policies' or labels' pools).</summary>
    public static string Method(PartitionMethod method, bool whole) => method switch
    {
        PartitionMethod.OnePool => whole ? "one pool per vendor" : "each pool kept whole (one per vendor)",
        PartitionMethod.Greedy => "greedy merge",
        _ => "greedy merge then moves",
    };

    private static string Model(SuggestedPool pool) => pool.Baseline.Cpu.Succeeded ? pool.Baseline.Cpu.Value.Model ?? "-" : "(none)";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
