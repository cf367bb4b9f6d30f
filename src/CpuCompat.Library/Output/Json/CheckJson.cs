using CpuCompat.Pools;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat check --json FILE</c> (schema <c>check</c>): every verdict, by pool.</summary>
public static class CheckJson
{
    public const int SchemaVersion = 1;

    public static string Format(IReadOnlyList<string> pools, IReadOnlyList<CheckResult> results) => JsonText.Document(SchemaVersion, w =>
    {
        w.WriteBoolean("passed", results.All(r => r.Passed));
        w.WriteNumber("checks", results.Count);
        w.WriteNumber("failures", results.Count(r => !r.Passed));
        w.WriteStartArray("pools");
        foreach (var pool in pools)
        {
            w.WriteStartObject();
            w.WriteString("name", pool);
            w.WriteStartArray("results");
            foreach (var r in results.Where(r => r.Pool == pool))
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteBoolean("passed", r.Passed);
                w.WriteStringOrNull("message", r.Message);
                w.WriteStrings("hosts", r.Hosts);
                w.WriteNumber("host_count", r.HostCount);
                w.WriteStrings("features", r.Features);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
