namespace CpuCompat.Host.Virtualization;

/// <summary>The readiness report as JSON; the schema (version 1) is documented in <c>Virtualization/README.md</c>.</summary>
public static class VirtJsonWriter
{
    public const int SchemaVersion = 1;

    public static string Format(VirtReport report) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schema_version", SchemaVersion);
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
        JsonOutput.Notes(w, report.Notes);
        w.WriteEndObject();
    });
}
