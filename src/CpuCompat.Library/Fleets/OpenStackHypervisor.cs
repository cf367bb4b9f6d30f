using System.Text.Json;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Fleets;

/// <summary>
/// One hypervisor record of OpenStack's compute API, as <c>os-hypervisors/detail</c> or <c>openstack hypervisor show -f
/// json</c> give it: the host's name (<c>hypervisor_hostname</c>), its labels, and its CPU from <c>cpu_info</c> — the
/// model, vendor, arch and feature names of the host CPU libvirt reports to Nova's libvirt driver, a JSON text up to
/// microversion 2.27 and an object from 2.28 to 2.87 (2.88 leaves it out). The CPU becomes the host <c>&lt;cpu&gt;</c>
/// libvirt's capabilities hold, features sorted so that hosts alike share one kind; the topology is left out: it
/// describes the machine, not its CPU, and no baseline depends on it.
/// </summary>
internal sealed record OpenStackHypervisor(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, Outcome<string> Cpu)
{
    /// <summary>The hypervisor types of Nova's libvirt driver (KVM hosts report QEMU), whose cpu_info uses libvirt's names.</summary>
    private static readonly string[] LibvirtTypes = ["QEMU", "KVM"];

    /// <summary>The record's host, labels and CPU; null with <paramref name="reason"/> when it names no host.</summary>
    public static OpenStackHypervisor? Of(JsonElement record, LibvirtGeneration generation, out string reason)
    {
        reason = "";
        if (record.ValueKind != JsonValueKind.Object)
        {
            reason = $"a hypervisor record is a JSON object, not {Kind(record)}";
            return null;
        }

        if (String(record, "hypervisor_hostname") is not { Length: > 0 } name)
        {
            reason = "the hypervisor record has no hypervisor_hostname";
            return null;
        }

        return new OpenStackHypervisor(name, LabelsOf(record), CpuOf(record, generation));
    }

    private static Outcome<string> CpuOf(JsonElement record, LibvirtGeneration generation)
    {
        if (String(record, "hypervisor_type") is { } type && !LibvirtTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return Errors.Invalid($"hypervisor_type is {type}: only Nova's libvirt driver (QEMU, KVM) describes its CPU in libvirt's names");
        }

        if (!record.TryGetProperty("cpu_info", out var info) || info.ValueKind == JsonValueKind.Null)
        {
            return Errors.Invalid("the record has no cpu_info: the compute API leaves it out from microversion 2.88 on (ask with --os-compute-api-version 2.87)");
        }

        if (info.ValueKind == JsonValueKind.String)
        {
            // Up to microversion 2.27 cpu_info is the JSON text the compute service stored.
            var text = info.GetString()!;
            try
            {
                using var parsed = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
                return CpuOf(parsed.RootElement, generation, "cpu_info");
            }
            catch (JsonException)
            {
                return Errors.Invalid($"cpu_info is not the JSON of a libvirt host CPU: \"{(text.Length > 40 ? text[..40] + "…" : text)}\"");
            }
        }

        return CpuOf(info, generation, "cpu_info");
    }

    private static Outcome<string> CpuOf(JsonElement info, LibvirtGeneration generation, string what)
    {
        if (info.ValueKind != JsonValueKind.Object)
        {
            return Errors.Invalid($"{what} is {Kind(info)}, not an object");
        }

        if (!info.EnumerateObject().Any())
        {
            return Errors.Invalid($"{what} is empty: the compute service has not reported its CPU");
        }

        if (String(info, "arch") is not { Length: > 0 } arch)
        {
            return Errors.Invalid($"{what} has no arch");
        }

        if (String(info, "model") is not { Length: > 0 } model)
        {
            return Errors.Invalid($"{what} has no model (libvirt named no model for this host's CPU)");
        }

        var features = new List<string>();
        if (info.TryGetProperty("features", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String))
            {
                return Errors.Invalid($"{what}.features is not a list of feature names");
            }

            features.AddRange(list.EnumerateArray().Select(f => f.GetString()!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        // Custom mode, as the host CPU of libvirt's capabilities is.
        var cpu = CpuDefinition.NewHost(arch) with
        {
            Mode = CpuMode.Custom,
            Model = model,
            Vendor = String(info, "vendor") is { Length: > 0 } vendor ? vendor : null,
            Features = [.. features.Select(f => new CpuFeature(f, null))],
        };
        return CpuXmlWriter.Format(cpu, generation);
    }

    /// <summary>
    /// The host's labels: <c>aggregate</c> (its host aggregates' names, sorted and comma-separated, as <c>openstack
    /// hypervisor show</c> adds them) and <c>aggregate:NAME</c> = <c>true</c> for each, <c>availability_zone</c> where the
    /// record carries one (its own, its service's <c>zone</c>, or its aggregates'), and <c>service_host</c>,
    /// <c>status</c> and <c>state</c> of its compute service.
    /// </summary>
    private static List<KeyValuePair<string, string>> LabelsOf(JsonElement record)
    {
        var labels = new List<KeyValuePair<string, string>>();
        var service = Object(record, "service") ?? Object(record, "service_details");
        var zones = new List<string?> { String(record, "availability_zone"), service is { } s ? String(s, "zone") ?? String(s, "availability_zone") : null };
        if (record.TryGetProperty("aggregates", out var aggregates) && aggregates.ValueKind == JsonValueKind.Array)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var aggregate in aggregates.EnumerateArray())
            {
                var name = aggregate.ValueKind == JsonValueKind.String ? aggregate.GetString() : aggregate.ValueKind == JsonValueKind.Object ? String(aggregate, "name") : null;
                if (name is { Length: > 0 })
                {
                    names.Add(name);
                    zones.Add(aggregate.ValueKind == JsonValueKind.Object ? String(aggregate, "availability_zone") : null);
                }
            }

            if (names.Count > 0)
            {
                labels.Add(new("aggregate", string.Join(",", names)));
                labels.AddRange(names.Select(n => new KeyValuePair<string, string>("aggregate:" + n, "true")));
            }
        }

        if (zones.FirstOrDefault(z => z is { Length: > 0 }) is { } zone)
        {
            labels.Add(new("availability_zone", zone));
        }

        if (((service is { } svc ? String(svc, "host") : null) ?? String(record, "service_host")) is { Length: > 0 } host)
        {
            labels.Add(new("service_host", host));
        }

        foreach (var key in new[] { "status", "state" })
        {
            if (String(record, key) is { Length: > 0 } value)
            {
                labels.Add(new(key, value));
            }
        }

        return labels;
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? Object(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };
}
