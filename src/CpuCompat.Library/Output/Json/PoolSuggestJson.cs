using CpuCompat.Core.Cpu;
using CpuCompat.Partitions;

namespace CpuCompat.Output.Json;

/// <summary>
/// <c>cpucompat pool suggest --json</c> (schema <c>pool-suggest</c>): the fleet read, the objective of the partitions
/// compared, then every suggested pool in the shape of <c>pool baseline</c>'s pools (so the same code reads both).
/// </summary>
public static class PoolSuggestJson
{
    public const int SchemaVersion = 1;

    /// <summary>How the method is spelt in the document.</summary>
    public static string MethodName(PartitionMethod method) => method switch
    {
        PartitionMethod.OnePool => "one-pool",
        PartitionMethod.Greedy => "greedy",
        _ => "greedy-then-moves",
    };

    public static string Format(PoolSuggestion suggestion, LibvirtGeneration generation) => JsonText.Document(SchemaVersion, w =>
    {
        var fleet = suggestion.Fleet;
        PoolBaselineJson.WriteFleet(w, fleet);
        w.WriteNumber("pools_asked", suggestion.Asked);
        w.WriteStringOrNull("weights", suggestion.Weights.Source);
        w.WriteStartObject("objective");
        w.WriteNumber("value", suggestion.Value);
        w.WriteString("method", MethodName(suggestion.Method));
        w.WriteNumber("one_pool", suggestion.Scores.OnePool);
        w.WriteNumber("greedy", suggestion.Scores.Greedy);
        w.WriteNumber("greedy_then_moves", suggestion.Scores.Refined);
        w.WriteNumber("ceiling", suggestion.Scores.Ceiling);
        w.WriteStartArray("pools");
        foreach (var pool in suggestion.Pools)
        {
            w.WriteStartObject();
            w.WriteString("name", pool.Baseline.Pool.Name);
            w.WriteNumber("features", pool.Baseline.Offered.PopCount());
            w.WriteNumber("weight", pool.OfferedWeight);
            w.WriteNumber("value", pool.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("pools");
        foreach (var pool in suggestion.Pools)
        {
            w.WriteStartObject();
            PoolBaselineJson.WritePool(w, fleet, pool.Baseline, generation);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("left_out");
        foreach (var group in suggestion.Groups)
        {
            foreach (var e in group.Excluded)
            {
                w.WriteStartObject();
                w.WriteString("host", e.Host);
                w.WriteString("pool", group.Name);
                w.WriteStrings("lacks", e.Lacks);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteStrings("unplaced", suggestion.Unplaced);
    });
}
