using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Integrations;
using CpuCompat.Pools;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat pool what-if --json</c> (schema <c>pool-what-if</c>): each pool before and after, and what changes.</summary>
public static class WhatIfJson
{
    public const int SchemaVersion = 1;

    /// <summary>The document; <paramref name="snippets"/> (<c>--for</c>) are those of the pools after the change.</summary>
    public static string Format(WhatIfResult result, LibvirtGeneration before, LibvirtGeneration after, IReadOnlyList<PoolSnippet>? snippets = null) => JsonText.Document(SchemaVersion, w =>
    {
        w.WriteString("change", result.Change);
        w.WritePropertyName("before");
        Fleet(w, result.Before);
        w.WritePropertyName("after");
        Fleet(w, result.After);
        w.WriteStartArray("pools");
        foreach (var pool in result.Pools)
        {
            w.WriteStartObject();
            w.WriteString("name", pool.Name);
            Side(w, "before", result.Before, pool.Before, before, null);
            Side(w, "after", result.After, pool.After, after, snippets);
            w.WriteStrings("gained", pool.Gained);
            w.WriteStrings("lost", pool.Lost);
            w.WriteStartArray("guests_broken");
            foreach (var b in pool.Breaks)
            {
                w.WriteStartObject();
                w.WriteString("guest", b.Guest);
                w.WriteStrings("hosts", b.Misfit.Hosts);
                w.WriteNumber("host_count", b.Misfit.HostCount);
                w.WriteStrings("features", b.Misfit.Features);
                w.WriteString("reason", b.Misfit.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("kinds");
        foreach (var k in result.Kinds)
        {
            w.WriteStartObject();
            w.WriteString("label", k.Label);
            w.WriteNumber("hosts", k.Hosts);
            w.WriteStringOrNull("model_before", k.Before);
            w.WriteStringOrNull("model_after", k.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStrings("guest_errors", result.GuestErrors);
    });

    private static void Fleet(Utf8JsonWriter w, Fleets.Fleet fleet)
    {
        w.WriteStartObject();
        w.WriteNumber("hosts", fleet.Hosts.Length);
        w.WriteNumber("kinds", fleet.Kinds.Length);
        w.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter w, string name, Fleets.Fleet fleet, PoolBaseline? pool, LibvirtGeneration generation, IReadOnlyList<PoolSnippet>? snippets)
    {
        w.WritePropertyName(name);
        if (pool is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        PoolBaselineJson.WritePool(w, fleet, pool, generation, snippets);
        w.WriteEndObject();
    }
}
