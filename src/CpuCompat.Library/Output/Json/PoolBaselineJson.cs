using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Fleets;
using CpuCompat.Integrations;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Pools;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat pool baseline --json</c> (schema <c>pool-baseline</c>): the fleet read, then every pool's baseline and why.</summary>
public static class PoolBaselineJson
{
    public const int SchemaVersion = 1;

    /// <summary>
    /// The document; <paramref name="deprecated"/> (<c>--models</c>) says, per pool in order, what QEMU's model list says of
    /// its model, and <paramref name="snippets"/> (<c>--for</c>) fill each pool's <c>nova</c>, <c>kubevirt</c> and <c>proxmox</c>.
    /// </summary>
    public static string Format(Fleet fleet, IReadOnlyList<PoolBaseline> pools, LibvirtGeneration generation, IReadOnlyList<DeprecatedModel?>? deprecated = null,
        IReadOnlyList<PoolSnippet>? snippets = null) => JsonText.Document(SchemaVersion, w =>
    {
        WriteFleet(w, fleet);
        w.WriteStartArray("pools");
        for (var i = 0; i < pools.Count; i++)
        {
            w.WriteStartObject();
            WritePool(w, fleet, pools[i], generation, snippets);
            DeprecatedJson.Write(w, deprecated?[i], generation);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary><c>"fleet": {"source", "hosts", "kinds", "skipped": [...]}</c>.</summary>
    public static void WriteFleet(Utf8JsonWriter w, Fleet fleet)
    {
        w.WriteStartObject("fleet");
        w.WriteString("source", fleet.Source);
        w.WriteNumber("hosts", fleet.Hosts.Length);
        w.WriteNumber("kinds", fleet.Kinds.Length);
        w.WriteStartArray("skipped");
        foreach (var p in fleet.Problems)
        {
            w.WriteStartObject();
            w.WriteString("source", p.Source);
            w.WriteNumber("line", p.Line);
            w.WriteStringOrNull("host", p.Host);
            w.WriteString("reason", p.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One pool's members (by name and by kind) and baseline, inside an object the caller opened; its snippets are those of <paramref name="snippets"/> for this pool.</summary>
    public static void WritePool(Utf8JsonWriter w, Fleet fleet, PoolBaseline pool, LibvirtGeneration generation, IReadOnlyList<PoolSnippet>? snippets = null)
    {
        var cpu = pool.Cpu.Succeeded ? pool.Cpu.Value : null;
        w.WriteString("name", pool.Pool.Name);
        w.WriteNumber("hosts", pool.Pool.Members.Length);
        w.WriteStrings("members", pool.Pool.Members.Select(h => fleet.Hosts[h].Name));
        w.WriteStringOrNull("cpu", cpu is null ? null : CpuXmlWriter.Format(cpu, generation));
        w.WriteStringOrNull("error", pool.Cpu.Error?.Message);
        w.WriteStringOrNull("model", cpu?.Model);
        w.WriteStringOrNull("abi_level", pool.Level?.Name);
        w.WriteStartArray("generations");
        foreach (var g in pool.Generations)
        {
            w.WriteStartObject();
            w.WriteString("model", g.Model);
            w.WriteStringOrNull("vendor", g.Vendor);
            w.WriteStrings("beyond", g.Beyond);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("cross_vendor");
        if (pool.CrossVendor is { } mixed)
        {
            w.WriteStartObject();
            w.WriteStrings("vendors", mixed.Vendors);
            w.WriteStartArray("vendor_only");
            foreach (var (vendor, features) in mixed.VendorOnly)
            {
                w.WriteStartObject();
                w.WriteString("vendor", vendor);
                w.WriteStrings("features", features);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("tsc_agrees", mixed.TscAgrees);
            w.WriteStrings("risks", mixed.Risks);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        // A kind's first host is the first in name order among this pool's members: the same whatever the input order.
        var first = new Dictionary<int, string>();
        foreach (var member in pool.Pool.Members)
        {
            var host = fleet.Hosts[member];
            if (!first.TryGetValue(host.Kind, out var name) || string.CompareOrdinal(host.Name, name) < 0)
            {
                first[host.Kind] = host.Name;
            }
        }

        w.WriteStartArray("kinds");
        foreach (var (kind, hosts) in pool.Pool.Kinds)
        {
            var k = fleet.Kinds[kind];
            w.WriteStartObject();
            w.WriteString("label", k.Label);
            w.WriteStringOrNull("model", k.Cpu.Model);
            w.WriteStringOrNull("vendor", k.Cpu.Vendor);
            w.WriteNumber("hosts", hosts);
            w.WriteString("first_host", first[kind]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("held_back_by");
        foreach (var cost in pool.HeldBackBy)
        {
            w.WriteStartObject();
            w.WriteString("label", fleet.Kinds[cost.Kind].Label);
            w.WriteNumber("hosts", cost.Hosts);
            w.WriteStrings("gains", cost.Gains);
            w.WriteStringOrNull("model_without", cost.ModelWithout);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStrings("security_lost", pool.SecurityLost);
        w.WriteStartArray("excluded");
        foreach (var e in pool.Pool.Excluded)
        {
            w.WriteStartObject();
            w.WriteString("host", e.Host);
            w.WriteStrings("lacks", e.Lacks);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("minimum");
        if (pool.Minimum is { } min)
        {
            w.WriteStartObject();
            w.WriteString("model", min.Model);
            w.WriteBoolean("met", min.Met);
            w.WriteStrings("lacks", min.Lacks);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        SystemSnippetJson.Write(w, snippets?.Where(s => s.Pool == pool.Pool.Name) ?? []);
    }
}
