using System.Text;
using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Fleets;

/// <summary>
/// A fleet from a Kubernetes node list (<c>kubectl get nodes -o json</c>) labelled by KubeVirt's node labeller: a node's
/// CPU is its host-model as KubeVirt publishes it — the model of its <c>host-model-cpu.node.kubevirt.io/MODEL</c> label,
/// the vendor of <c>cpu-vendor.node.kubevirt.io/VENDOR</c>, and every <c>host-model-required-features.node.kubevirt.io/F</c>
/// feature — and its labels are the node's labels. The document is read whole (a node list comes from kubectl's memory
/// too); the CPU of each node is written as a host <c>&lt;cpu&gt;</c>, features sorted, so that nodes alike share one kind.
/// </summary>
internal static class KubernetesFleetReader
{
    public const string ModelPrefix = "host-model-cpu.node.kubevirt.io/";
    public const string FeaturePrefix = "host-model-required-features.node.kubevirt.io/";
    public const string VendorPrefix = "cpu-vendor.node.kubevirt.io/";

    /// <summary>Whether a JSON document is a node list (an object with <c>items</c>, of kind <c>List</c> or <c>NodeList</c>).</summary>
    public static bool IsNodeList(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
        && (!root.TryGetProperty("kind", out var kind) || kind.GetString() is "List" or "NodeList");

    public static void Read(JsonElement root, FleetBuilder builder, LibvirtGeneration generation)
    {
        var index = 0;
        foreach (var node in root.GetProperty("items").EnumerateArray())
        {
            index++;
            var metadata = node.ValueKind == JsonValueKind.Object && node.TryGetProperty("metadata", out var m) ? m : default;
            var name = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
            if (name is null)
            {
                builder.Problem(0, null, $"item {index} of the node list has no metadata.name");
                continue;
            }

            var labels = new List<KeyValuePair<string, string>>();
            if (metadata.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in l.EnumerateObject())
                {
                    labels.Add(new(label.Name, label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText()));
                }
            }

            if (Cpu(labels, generation) is not { } cpu)
            {
                builder.Problem(0, name, $"node has no KubeVirt host-model label ({ModelPrefix}MODEL); is KubeVirt's node labeller running on it?");
                continue;
            }

            var content = Encoding.UTF8.GetBytes(cpu);
            builder.Add(name, content, c => Encoding.UTF8.GetString(c), labels, 0);
        }
    }

    /// <summary>The host <c>&lt;cpu&gt;</c> the node's KubeVirt labels describe, or null without a host-model label.</summary>
    private static string? Cpu(List<KeyValuePair<string, string>> labels, LibvirtGeneration generation)
    {
        static bool True(string value) => value is "true" or "True";
        var model = labels.FirstOrDefault(p => p.Key.StartsWith(ModelPrefix, StringComparison.Ordinal) && True(p.Value)).Key?[ModelPrefix.Length..];
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        var vendor = labels.FirstOrDefault(p => p.Key.StartsWith(VendorPrefix, StringComparison.Ordinal) && True(p.Value)).Key?[VendorPrefix.Length..];
        var arch = labels.FirstOrDefault(p => p.Key == "kubernetes.io/arch").Value switch
        {
            "arm64" => "aarch64",
            "s390x" => "s390x",
            "ppc64le" => "ppc64le",
            _ => "x86_64",
        };
        var features = labels.Where(p => p.Key.StartsWith(FeaturePrefix, StringComparison.Ordinal) && True(p.Value))
            .Select(p => p.Key[FeaturePrefix.Length..]).Order(StringComparer.Ordinal);
        // Custom mode, as a host CPU of virsh capabilities is: the writer leaves out the model of a CPU without one.
        var cpu = CpuDefinition.NewHost(arch) with
        {
            Mode = CpuMode.Custom,
            Model = model,
            Vendor = string.IsNullOrEmpty(vendor) ? null : vendor,
            Features = [.. features.Select(f => new CpuFeature(f, null))],
        };
        return CpuXmlWriter.Format(cpu, generation);
    }
}
