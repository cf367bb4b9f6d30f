using System.CommandLine;
using System.Text;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

using CpuCompat.Host;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db show MODEL</c>: a model's complete feature list and where each feature comes from.</summary>
internal static class DbShowCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A model name, e.g. Skylake-Server-v4." };
        var json = CliOptions.Json();
        var database = new DatabaseOptions();
        var command = new Command("show", """
            Show a model: vendor, signatures, decode flags, ancestry and aliases, the features libvirt removed or added,
            and its full feature list in map order with the model each feature comes from and the rules that touch it.

            Example:
              cpucompat db show Haswell-v2
            """)
        {
            model, json,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryLoad(parse, context, out var db))
            {
                return ExitCodes.BadInput;
            }

            var name = parse.GetValue(model)!;
            var arch = db.Architectures.FirstOrDefault(a => a.FindModel(name) is not null);
            if (arch is null)
            {
                var all = db.Architectures.SelectMany(a => a.ModelNames);
                return context.Fail($"unknown CPU model '{name}'{NameSuggester.Hint(name, all)}");
            }

            var found = arch.FindModel(name)!;
            context.Write(parse.GetValue(json) ? Json(arch, found) : Describe(arch, found));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Describe(ArchDatabase db, ModelDefinition m)
    {
        var text = new StringBuilder();
        text.Append($"{m.Name} ({ArchNames.DslName(db.Family)})\n");
        Field(text, "vendor", m.VendorId is { } v ? db.Vendors[v].Name : "any");
        if (!m.Signatures.IsEmpty)
        {
            Field(text, "signatures", string.Join(", ", m.Signatures));
        }

        if (!m.Pvrs.IsEmpty)
        {
            Field(text, "pvr", string.Join(", ", m.Pvrs.Select(p => p.Mask is { } mask ? $"0x{p.Value:x8} mask 0x{mask:x8}" : $"0x{p.Value:x}")));
        }

        Field(text, "decode", (m.DecodeHost, m.DecodeGuest) switch
        {
            (true, true) => "host and guest",
            (true, false) => "host only (never chosen for guests)",
            (false, true) => "guest only (never reported as a host CPU)",
            _ => "never (only used by name)",
        });
        if (m.CompatCheck)
        {
            Field(text, "check", "partial check may use compat mode");
        }

        if (m.AncestorId is { } a)
        {
            Field(text, m.IsAlias ? "alias of" : "ancestor", Chain(db, m));
        }

        if (m.CanonicalName is { } canonical)
        {
            Field(text, "canonical name", canonical);
        }

        var versions = db.Models.Where(o => o.VersionOf() is { } ver && ver.BaseName == (m.VersionOf()?.BaseName ?? m.Name)).Select(o => o.Name).ToList();
        if (versions.Count > 0)
        {
            Field(text, "versions", string.Join(", ", versions));
        }

        if (m.Span.HasPosition)
        {
            Field(text, "defined at", m.Span.ToString());
        }

        if (!m.Removed.IsEmpty)
        {
            Field(text, "removed", string.Join(" ", m.Removed.Select(id => db.Features[id].Name)) + "  (guests of this model get them disabled)");
        }

        if (!m.Added.IsEmpty)
        {
            Field(text, "added", $"{m.Added.Length} features, not part of the model's data: " + string.Join(" ", m.Added.Select(id => db.Features[id].Name)));
        }

        text.Append($"  features ({m.Features.PopCount()}):\n");
        foreach (var id in m.Features)
        {
            var feature = db.Features[id];
            var rules = db.Rules.Where(r => r.Drop.Contains(id)).Select(r => $"dropped by rule {r.Name} when {r.Condition}");
            var notes = string.Join("; ", new[] { Origin(db, m, id) }.Concat(rules).Concat(feature.Migratable ? [] : ["not migratable"]));
            text.Append($"    {feature.Name,-32} {notes}\n");
        }

        foreach (var dependency in db.Dependencies.Where(d => m.Features.Contains(d.FeatureId)))
        {
            foreach (var missing in dependency.Requires.Except(m.Features))
            {
                text.Append($"  warning: {db.Features[dependency.FeatureId].Name} requires {db.Features[missing].Name}, which the model lacks\n");
            }
        }

        return text.ToString();
    }

    private static string Json(ArchDatabase db, ModelDefinition m) => JsonText.Write(w =>
    {
        w.WriteStartObject();
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
            w.WriteString("origin", Origin(db, m, id));
            w.WriteStrings("dropped_by_rules", db.Rules.Where(r => r.Drop.Contains(id)).Select(r => r.Name));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void Field(StringBuilder text, string name, string value) => text.Append($"  {name + ":",-16}{value}\n");

    private static string Chain(ArchDatabase db, ModelDefinition m)
    {
        var names = new List<string>();
        for (var at = m.AncestorId; at is { } id && names.Count < db.Models.Length; at = db.Models[id].AncestorId)
        {
            names.Add(db.Models[id].Name);
        }

        return string.Join(" <- ", names);
    }

    /// <summary>The model in the ancestor chain that lists the feature itself.</summary>
    private static string Origin(ArchDatabase db, ModelDefinition m, int feature)
    {
        var steps = 0;
        for (ModelDefinition? at = m; at is not null && steps <= db.Models.Length; at = at.AncestorId is { } a ? db.Models[a] : null, steps++)
        {
            if (at.OwnFeatures.Contains(feature))
            {
                return at == m ? "own" : $"from {at.Name}";
            }
        }

        return "inherited";
    }
}
