using CpuCompat.Host.Machine;
using CpuCompat.Host.Virtualization;

namespace CpuCompat.Output.Json;

/// <summary>The readiness report as JSON; schema <c>virt-check</c>.</summary>
public static class VirtCheckJson
{
    public const int SchemaVersion = 1;

    public static string Format(VirtReport report) => JsonText.Document(SchemaVersion, w =>
    {
        w.WriteBoolean("ready", report.Ready);
        w.WriteStringOrNull("vendor", report.Vendor);

        w.WriteStartArray("checks");
        foreach (var check in report.Checks)
        {
            w.WriteStartObject();
            w.WriteString("id", check.Id);
            w.WriteString("name", check.Name);
            w.WriteString("state", check.StateName);
            w.WriteString("detail", check.Detail);
            w.WriteStringOrNull("fix", check.Fix);

            w.WriteEndObject();
        }

        w.WriteEndArray();
        JsonText.Notes(w, report.Notes);
    });
}
