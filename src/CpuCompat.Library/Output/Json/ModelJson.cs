using CpuCompat.Core.Cpu;
using CpuCompat.Queries;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat db show MODEL --json</c> (schema <c>db-model</c>).</summary>
public static class ModelJson
{
    public const int SchemaVersion = 1;

    public static string Format(ModelReport report) => JsonText.Document(SchemaVersion, w =>
    {
        var (db, m) = (report.Arch, report.Model);
        w.WriteString("name", m.Name);
        w.WriteString("arch", ArchNames.DslName(db.Family));
        w.WriteStringOrNull("vendor", m.VendorId is { } v ? db.Vendors[v].Name : null);
        w.WriteStartArray("signatures");
        foreach (var s in m.Signatures)
        {
            w.WriteStartObject();
            w.WriteNumber("family", s.Family);
            w.WriteNumber("model", s.Model);
            w.WriteStringOrNull("steppings", s.SteppingText);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("decode_host", m.DecodeHost);
        w.WriteBoolean("decode_guest", m.DecodeGuest);
        w.WriteBoolean("compat_check", m.CompatCheck);
        w.WriteStringOrNull("ancestor", m.AncestorId is { } a ? db.Models[a].Name : null);
        w.WriteBoolean("alias", m.IsAlias);
        w.WriteStringOrNull("canonical_name", m.CanonicalName);
        w.WriteStrings("removed", m.Removed.Select(id => db.Features[id].Name));
        w.WriteStrings("added", m.Added.Select(id => db.Features[id].Name));
        w.WriteStartArray("features");
        foreach (var id in m.Features)
        {
            w.WriteStartObject();
            w.WriteString("name", db.Features[id].Name);
            w.WriteString("origin", report.Origin(id));
            w.WriteStrings("dropped_by_rules", db.Rules.Where(r => r.Drop.Contains(id)).Select(r => r.Name));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
