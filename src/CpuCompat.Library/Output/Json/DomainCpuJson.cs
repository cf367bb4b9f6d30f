using System.Text.Json;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Output.Json;

/// <summary>The CPU part of domain capabilities as JSON (schema <c>domcapabilities</c>) and its model list alone (schema <c>cpu-models</c>).</summary>
public static class DomainCpuJson
{
    public const int SchemaVersion = 1;

    public const int ModelsSchemaVersion = 1;

    public static string Format(DomainCpuCapabilities caps, string domain, string arch) => JsonText.Document(SchemaVersion, w =>
    {
        w.WriteString("domain", domain);
        w.WriteString("arch", arch);
        w.WriteBoolean("host_passthrough", caps.HostPassthrough);
        w.WriteBoolean("maximum", caps.Maximum);
        CpuJson.WriteCpuOrNull(w, "host_model", caps.HostModel);
        WriteModels(w, caps.Models);
    });

    public static string Models(IEnumerable<DomainCpuModel> models) => JsonText.Document(ModelsSchemaVersion, w => WriteModels(w, models));

    private static void WriteModels(Utf8JsonWriter w, IEnumerable<DomainCpuModel> models)
    {
        w.WriteStartArray("models");
        foreach (var m in models)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteStringOrNull("vendor", m.Vendor);
            w.WriteBoolean("usable", m.Usable);
            w.WriteStringOrNull("canonical", m.Canonical);
            w.WriteStrings("blockers", m.Blockers.IsDefault ? [] : m.Blockers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
