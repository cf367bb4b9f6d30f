using CpuCompat.Cli.Json;
using CpuCompat.Core.Database;

using CpuCompat.Host;

namespace CpuCompat.Cli.Commands.Db;

/// <summary>What the db commands say about the database they read or wrote, as text or JSON.</summary>
internal static class DatabaseSummary
{
    public static string Text(CpuDatabase db) => string.Join("; ", db.Architectures.Select(a =>
        $"{ArchNames.DslName(a.Family)} {a.Vendors.Length} vendors, {a.Features.Length} features, {a.Models.Length} models"
        + (a.Rules.IsEmpty ? "" : $", {a.Rules.Length} rules")
        + (a.Dependencies.IsEmpty ? "" : $", {a.Dependencies.Length} dependencies")
        + (a.Pools.IsEmpty ? "" : $", {a.Pools.Length} pools")));

    /// <summary><c>{"action", "source", "output", "files", "libvirt", "architectures": [...]}</c>.</summary>
    public static string Json(string action, string? source, string output, int? files, CpuDatabase db) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("action", action);
        w.WriteStringOrNull("source", source);
        w.WriteString("output", output);
        if (files is { } n)
        {
            w.WriteNumber("files", n);
        }
        else
        {
            w.WriteNull("files");
        }

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
        w.WriteEndObject();
    });
}
