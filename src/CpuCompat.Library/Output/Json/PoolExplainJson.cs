using CpuCompat.Core.Cpu;
using CpuCompat.Fleets;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Pools;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat pool explain --json</c> (schema <c>pool-explain</c>): every pool's baseline model and each newer model's blockers.</summary>
public static class PoolExplainJson
{
    public const int SchemaVersion = 1;

    public static string Format(Fleet fleet, IReadOnlyList<PoolExplanation> pools, LibvirtGeneration generation) => JsonText.Document(SchemaVersion, w =>
    {
        PoolBaselineJson.WriteFleet(w, fleet);
        w.WriteStartArray("pools");
        foreach (var explanation in pools)
        {
            var pool = explanation.Baseline;
            var cpu = pool.Cpu.Succeeded ? pool.Cpu.Value : null;
            w.WriteStartObject();
            w.WriteString("name", pool.Pool.Name);
            w.WriteNumber("hosts", pool.Pool.Members.Length);
            w.WriteStringOrNull("model", cpu?.Model);
            w.WriteStringOrNull("error", pool.Cpu.Error?.Message);
            w.WriteStringOrNull("abi_level", pool.Level?.Name);
            w.WriteStartArray("newer");
            foreach (var model in explanation.Newer)
            {
                w.WriteStartObject();
                w.WriteString("model", model.Model);
                w.WriteNumber("hosts_lacking", model.HostsLacking);
                w.WriteStartArray("held_back_by");
                foreach (var b in model.Blockers)
                {
                    w.WriteStartObject();
                    w.WriteString("label", fleet.Kinds[b.Kind].Label);
                    w.WriteNumber("hosts", b.Hosts);
                    w.WriteStrings("first_hosts", b.FirstHosts);
                    w.WriteStrings("lacks", b.Lacks);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStringOrNull("baseline_without", model.BaselineWithout is { } without ? CpuXmlWriter.Format(without, generation) : null);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
