using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Integrations;

namespace CpuCompat.Output.Json;

/// <summary>
/// A pool's <c>nova</c>, <c>kubevirt</c> and <c>proxmox</c> members (<c>--for</c> of the pool commands): null for a system
/// not asked for, else the snippet's text and values, or the reason the system cannot take the baseline.
/// </summary>
public static class SystemSnippetJson
{
    /// <summary>Writes the three members into the pool's object; <paramref name="snippets"/> are this pool's.</summary>
    public static void Write(Utf8JsonWriter w, IEnumerable<PoolSnippet> snippets)
    {
        var bySystem = snippets.ToDictionary(s => s.System);
        foreach (var system in TargetSystems.All)
        {
            w.WritePropertyName(system.Name());
            if (!bySystem.TryGetValue(system, out var result))
            {
                w.WriteNullValue();
                continue;
            }

            var snippet = result.Snippet.Succeeded ? result.Snippet.Value : null;
            w.WriteStartObject();
            w.WriteStringOrNull("error", result.Snippet.Error?.Message);
            w.WriteStringOrNull("text", snippet?.Text);
            switch (system)
            {
                case TargetSystem.Nova:
                    var nova = snippet as NovaCpuConfig;
                    w.WriteStringOrNull("cpu_mode", nova is null ? null : NovaCpuConfig.Mode);
                    w.WriteStrings("cpu_models", nova is null ? [] : [nova.Model]);
                    w.WriteStrings("cpu_model_extra_flags", nova?.ExtraFlags ?? []);
                    break;
                case TargetSystem.KubeVirt:
                    var kubevirt = snippet as KubeVirtCpu;
                    w.WriteStringOrNull("model", kubevirt?.Model);
                    w.WriteStartArray("features");
                    foreach (var f in kubevirt?.Features ?? [])
                    {
                        w.WriteStartObject();
                        w.WriteString("name", f.Name);
                        w.WriteString("policy", (f.Policy ?? FeaturePolicy.Require).Name());
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteStringOrNull("cluster_cpu_model", kubevirt?.ClusterCpuModel);
                    break;
                default:
                    var proxmox = snippet as ProxmoxCpuModel;
                    w.WriteStringOrNull("name", proxmox?.Name);
                    w.WriteStringOrNull("reported_model", proxmox?.ReportedModel);
                    w.WriteStrings("flags", proxmox?.Flags ?? []);
                    w.WriteStrings("left_out", proxmox?.LeftOut ?? []);
                    break;
            }

            w.WriteEndObject();
        }
    }
}
