using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Output.Json;

/// <summary>What the <c>db</c> commands say as JSON: a summary of a database read or written (schema <c>db-summary</c>) and every diagnostic of a check (schema <c>db-check</c>).</summary>
public static class DatabaseJson
{
    public const int SummarySchemaVersion = 1;

    public const int CheckSchemaVersion = 1;

    /// <summary><c>{"action", "source", "output", "files", "libvirt", "architectures": [...]}</c>.</summary>
    public static string Summary(string action, string? source, string output, int? files, CpuDatabase db) => JsonText.Document(SummarySchemaVersion, w =>
    {
        w.WriteString("action", action);
        w.WriteStringOrNull("source", source);
        w.WriteString("output", output);
        w.WriteNumberOrNull("files", files is { } n ? (ulong)n : null);
        w.WriteString("libvirt", db.Generation.ReferenceVersion());
        w.WriteStartArray("architectures");
        foreach (var a in db.Architectures)
        {
            w.WriteStartObject();
            w.WriteString("arch", ArchNames.DslName(a.Family));
            w.WriteNumber("vendors", a.Vendors.Length);
            w.WriteNumber("features", a.Features.Length);
            w.WriteNumber("models", a.Models.Length);
            w.WriteNumber("rules", a.Rules.Length);
            w.WriteNumber("dependencies", a.Dependencies.Length);
            w.WriteNumber("pools", a.Pools.Length);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary><c>{"ok", "errors", "warnings", "diagnostics": [...]}</c>.</summary>
    public static string Check(ImmutableArray<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        return JsonText.Document(CheckSchemaVersion, w =>
        {
            w.WriteBoolean("ok", errors == 0);
            w.WriteNumber("errors", errors);
            w.WriteNumber("warnings", diagnostics.Length - errors);
            w.WriteStartArray("diagnostics");
            foreach (var d in diagnostics)
            {
                CpuJson.WriteDiagnostic(w, d);
            }

            w.WriteEndArray();
        });
    }
}
