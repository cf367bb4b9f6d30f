using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;

using CpuCompat.Host;

namespace CpuCompat.Cli.Json;

/// <summary>The JSON forms shared by several commands: a CPU definition, a compare verdict, diagnostics.</summary>
internal static class CpuJson
{
    /// <summary>A CPU definition; absent parts are null (see the schema in README.md).</summary>
    public static void WriteCpu(Utf8JsonWriter w, CpuDefinition cpu)
    {
        w.WriteStartObject();
        w.WriteString("type", cpu.Type == CpuType.Host ? "host" : "guest");
        w.WriteStringOrNull("mode", cpu.Mode?.Name());
        w.WriteStringOrNull("match", cpu.Type == CpuType.Guest ? cpu.Match.Name() : null);
        w.WriteStringOrNull("check", cpu.Check == CpuCheck.Default ? null : cpu.Check.Name());
        w.WriteStringOrNull("fallback", cpu.Type == CpuType.Guest && cpu.Model is not null ? cpu.Fallback.Name() : null);
        w.WriteStringOrNull("model", cpu.Model);
        w.WriteStringOrNull("vendor", cpu.Vendor);
        w.WriteStringOrNull("vendor_id", cpu.VendorId);
        w.WriteStringOrNull("arch", cpu.Arch);
        if (cpu.Signature is { Family: not 0 } s)
        {
            w.WriteStartObject("signature");
            w.WriteNumber("family", s.Family);
            w.WriteNumber("model", s.Model);
            w.WriteNumber("stepping", s.Stepping);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("signature");
        }

        if (cpu.Topology is { } t)
        {
            w.WriteStartObject("topology");
            w.WriteNumber("sockets", t.Sockets);
            w.WriteNumber("dies", t.Dies);
            w.WriteNumber("clusters", t.Clusters);
            w.WriteNumber("cores", t.Cores);
            w.WriteNumber("threads", t.Threads);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("topology");
        }

        w.WriteStartArray("features");
        foreach (var f in cpu.Features)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteStringOrNull("policy", f.Policy?.Name());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Cpu(CpuDefinition cpu) => JsonText.Write(w => WriteCpu(w, cpu));

    public static string Compare(CompareOutcome outcome) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("result", outcome.Result switch
        {
            CompareResult.Identical => "identical",
            CompareResult.Superset => "superset",
            _ => "incompatible",
        });
        w.WriteStringOrNull("reason", outcome.Reason);
        w.WriteStrings("features", outcome.Features);
        w.WriteEndObject();
    });

    public static void WriteDiagnostic(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("file", d.Span.File);
        w.WriteNumber("line", d.Span.Line);
        w.WriteNumber("column", d.Span.Column);
        w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
        w.WriteString("code", d.Code);
        w.WriteString("message", d.Message);
        w.WriteEndObject();
    }
}
