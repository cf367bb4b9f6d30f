using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Queries;

namespace CpuCompat.Output.Text;

/// <summary><c>cpucompat db show MODEL</c>: the model's facts, then its features in map order with their origin.</summary>
public static class ModelText
{
    public static string Format(ModelReport report)
    {
        var (db, m) = (report.Arch, report.Model);
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

        if (m.AncestorId is not null)
        {
            Field(text, m.IsAlias ? "alias of" : "ancestor", string.Join(" <- ", report.Ancestors()));
        }

        if (m.CanonicalName is { } canonical)
        {
            Field(text, "canonical name", canonical);
        }

        var versions = report.Versions();
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
            var notes = string.Join("; ", new[] { report.Origin(id) }.Concat(rules).Concat(feature.Migratable ? [] : ["not migratable"]));
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

    private static void Field(StringBuilder text, string name, string value) => text.Append($"  {name + ":",-16}{value}\n");
}
