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
        if (report.Vendor is { } vendor)
        {
            w.WriteString("vendor", vendor);
        }
        else
        {
            w.WriteNull("vendor");
        }

        w.WriteStartArray("checks");
        foreach (var check in report.Checks)
        {
            w.WriteStartObject();
            w.WriteString("id", check.Id);
            w.WriteString("name", check.Name);
            w.WriteString("state", check.StateName);
            w.WriteString("detail", check.Detail);
            if (check.Fix is { } fix)
            {
                w.WriteString("fix", fix);
            }
            else
            {
                w.WriteNull("fix");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        JsonOutput.Notes(w, report.Notes);
        w.WriteEndObject();
    });
}
