using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Output.Json;

/// <summary>
/// The one JSON shape of a CPU definition (schema <c>cpu</c>), wherever a CPU appears — a command's result, the host
/// CPU of capabilities, the host-model of domain capabilities, a pool's baseline — and of a compare verdict
/// (schema <c>compare</c>) and a diagnostic. Absent parts are <c>null</c>, never left out.
/// </summary>
public static class CpuJson
{
    public const int SchemaVersion = 1;

    public const int CompareSchemaVersion = 1;

    /// <summary>A CPU definition as a result document (with <c>schema_version</c>).</summary>
    public static string Document(CpuDefinition cpu) => JsonText.Document(SchemaVersion, w => WriteMembers(w, cpu));

    /// <summary>A CPU definition as an object inside another document.</summary>
    public static void WriteCpu(Utf8JsonWriter w, CpuDefinition cpu)
    {
        w.WriteStartObject();
        WriteMembers(w, cpu);
        w.WriteEndObject();
    }

    /// <summary>A CPU property, or <c>null</c>.</summary>
    public static void WriteCpuOrNull(Utf8JsonWriter w, string name, CpuDefinition? cpu)
    {
        w.WritePropertyName(name);
        if (cpu is null)
        {
            w.WriteNullValue();
        }
        else
        {
            WriteCpu(w, cpu);
        }
    }

    private static void WriteMembers(Utf8JsonWriter w, CpuDefinition cpu)
    {
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

        w.WriteNumberOrNull("microcode", cpu.Microcode == 0 ? null : cpu.Microcode);
        if (cpu.Tsc is { } tsc)
        {
            w.WriteStartObject("tsc");
            w.WriteNumber("frequency", tsc.Frequency);
            w.WriteBooleanOrNull("scaling", tsc.Scaling);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("tsc");
        }

        WriteTopology(w, cpu.Topology);
        if (cpu.Cache is { } cache)
        {
            w.WriteStartObject("cache");
            w.WriteNumberOrNull("level", cache.Level is { } level ? (ulong)level : null);
            w.WriteString("mode", cache.Mode);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("cache");
        }

        if (cpu.MaxPhysAddr is { } phys)
        {
            w.WriteStartObject("maxphysaddr");
            w.WriteString("mode", phys.Mode);
            w.WriteNumberOrNull("bits", phys.Bits);
            w.WriteNumberOrNull("limit", phys.Limit);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("maxphysaddr");
        }

        w.WriteBooleanOrNull("migratable", cpu.Migratable);
        w.WriteBooleanOrNull("deprecated_features", cpu.DeprecatedFeatures);
        WriteFeatures(w, "features", cpu.Features);
    }

    /// <summary>A definition's features as <c>[{"name", "policy"}]</c> (a host CPU's have no policy: <c>null</c>).</summary>
    public static void WriteFeatures(Utf8JsonWriter w, string name, IEnumerable<CpuFeature> features)
    {
        w.WriteStartArray(name);
        foreach (var f in features)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteStringOrNull("policy", f.Policy?.Name());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>"topology": {"sockets", "dies", "clusters", "cores", "threads"}</c> or <c>null</c>.</summary>
    public static void WriteTopology(Utf8JsonWriter w, CpuTopology? topology)
    {
        if (topology is null)
        {
            w.WriteNull("topology");
            return;
        }

        w.WriteStartObject("topology");
        w.WriteNumber("sockets", topology.Sockets);
        w.WriteNumber("dies", topology.Dies);
        w.WriteNumber("clusters", topology.Clusters);
        w.WriteNumber("cores", topology.Cores);
        w.WriteNumber("threads", topology.Threads);
        w.WriteEndObject();
    }

    /// <summary>A compare verdict as a result document: identical, superset or incompatible, why, and the features at fault.</summary>
    public static string Compare(CompareOutcome outcome) => JsonText.Document(CompareSchemaVersion, w => WriteCompareMembers(w, outcome));

    /// <summary>A compare verdict's members (inside an object the caller opened).</summary>
    public static void WriteCompareMembers(Utf8JsonWriter w, CompareOutcome outcome)
    {
        w.WriteString("result", outcome.Result switch
        {
            CompareResult.Identical => "identical",
            CompareResult.Superset => "superset",
            _ => "incompatible",
        });
        w.WriteStringOrNull("reason", outcome.Reason);
        w.WriteStrings("features", outcome.Features);
    }

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
