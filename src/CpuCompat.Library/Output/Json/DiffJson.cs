using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Diffs;
using CpuCompat.Formats.Detection;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat diff --json</c> (schema <c>diff</c>): both CPUs as libvirt sees them, then what changed between them.</summary>
public static class DiffJson
{
    public const int SchemaVersion = 1;

    public static string Format(CpuDiff diff) => JsonText.Document(SchemaVersion, w =>
    {
        Side(w, "old", diff.Old);
        Side(w, "new", diff.New);
        Change(w, "model", diff.Old.Cpu.Model, diff.New.Cpu.Model, diff.ModelChanged);
        Change(w, "vendor", diff.Old.Cpu.Vendor, diff.New.Cpu.Vendor, diff.VendorChanged);
        w.WriteStartObject("signature");
        Signature(w, "old", CpuDiff.Signature(diff.Old));
        Signature(w, "new", CpuDiff.Signature(diff.New));
        w.WriteBoolean("changed", diff.SignatureChanged);
        w.WriteEndObject();
        w.WriteStartObject("microcode");
        w.WriteNumberOrNull("old", diff.Old.Cpu.Microcode == 0 ? null : diff.Old.Cpu.Microcode);
        w.WriteNumberOrNull("new", diff.New.Cpu.Microcode == 0 ? null : diff.New.Cpu.Microcode);
        w.WriteBoolean("changed", diff.MicrocodeChanged);
        w.WriteEndObject();
        w.WriteStartObject("features");
        w.WriteStrings("gained", diff.Gained);
        w.WriteStrings("lost", diff.Lost);
        w.WriteEndObject();
        w.WriteStrings("security_lost", diff.SecurityLost);
        Listed(w, diff.Listed);
        Guests(w, diff.Guests);
        w.WriteBoolean("loses", diff.LosesSomething);
    });

    private static void Side(Utf8JsonWriter w, string name, DiffSide side)
    {
        w.WriteStartObject(name);
        w.WriteString("source", side.Name);
        w.WriteString("format", side.Format.NameOf());
        w.WriteString("form", DiffSide.NameOf(side.Form));
        CpuJson.WriteCpuOrNull(w, "cpu", side.Cpu);
        w.WriteNumber("feature_count", side.Features.PopCount());
        w.WriteEndObject();
    }

    private static void Change(Utf8JsonWriter w, string name, string? old, string? @new, bool changed)
    {
        w.WriteStartObject(name);
        w.WriteStringOrNull("old", old);
        w.WriteStringOrNull("new", @new);
        w.WriteBoolean("changed", changed);
        w.WriteEndObject();
    }

    private static void Signature(Utf8JsonWriter w, string name, CpuSignature? signature)
    {
        if (signature is not { } s)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("family", s.Family);
        w.WriteNumber("model", s.Model);
        w.WriteNumber("stepping", s.Stepping);
        w.WriteEndObject();
    }

    private static void Listed(Utf8JsonWriter w, ListedFeatures listed)
    {
        w.WriteStartObject("listed");
        CpuJson.WriteFeatures(w, "added", listed.Added);
        CpuJson.WriteFeatures(w, "removed", listed.Removed);
        w.WriteStartArray("changed");
        foreach (var c in listed.Changed)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteStringOrNull("old_policy", c.Old?.Name());
            w.WriteStringOrNull("new_policy", c.New?.Name());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Guests(Utf8JsonWriter w, GuestCheck? guests)
    {
        if (guests is null)
        {
            w.WriteNull("guests");
            return;
        }

        w.WriteStartObject("guests");
        w.WriteString("directory", guests.Directory);
        w.WriteNumber("checked", guests.Checked);
        w.WriteNumber("ran_before", guests.RanBefore);
        w.WriteStartArray("stopped");
        foreach (var stop in guests.Stops)
        {
            w.WriteStartObject();
            w.WriteString("guest", stop.Guest);
            w.WriteString("reason", stop.Reason);
            w.WriteStrings("features", stop.Features);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
