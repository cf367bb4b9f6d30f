using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Language.Emit;

public static partial class DslWriter
{
    // Feature lists wrap before this column; model files then stay readable side by side in a review.
    private const int WrapColumn = 100;
    private const string ContinuationIndent = "        ";

    private static string Model(ModelDeclaration m)
    {
        var lines = new List<string>();
        if (m.Vendor is { } vendor)
        {
            lines.Add($"{Indent}vendor {DslText.Name(vendor.Name)};");
        }

        if (!m.Signatures.IsDefaultOrEmpty)
        {
            lines.Add($"{Indent}signature {string.Join(", ", m.Signatures.Select(Signature))};");
        }

        foreach (var pvr in m.Pvrs.IsDefault ? [] : m.Pvrs)
        {
            lines.Add(pvr.Mask is { } mask
                ? $"{Indent}pvr {DslText.Hex(pvr.Value)} mask {DslText.Hex(mask)};"
                : $"{Indent}pvr {DslText.Hex(pvr.Value)};");
        }

        // Host and guest decoding on is the default; libvirt's decode='off' cases are the ones worth seeing.
        if (!(m.DecodeHost && m.DecodeGuest))
        {
            var flags = m.DecodeHost ? "host" : m.DecodeGuest ? "guest" : "none";
            lines.Add($"{Indent}decode {flags};");
        }

        if (m.CompatCheck)
        {
            lines.Add($"{Indent}check compat;");
        }

        var features = m.Features.IsDefault ? [] : m.Features;
        AddWrapped(lines, "features", features
            .Where(f => f.Kind is ModelFeatureKind.Include or ModelFeatureKind.Subtract)
            .Select(f => (f.Kind == ModelFeatureKind.Subtract ? "-" : "") + DslText.Name(f.Feature.Name)));
        AddWrapped(lines, "removed", features.Where(f => f.Kind == ModelFeatureKind.Removed).Select(f => DslText.Name(f.Feature.Name)));
        AddWrapped(lines, "added", features.Where(f => f.Kind == ModelFeatureKind.Added).Select(f => DslText.Name(f.Feature.Name)));

        var head = "model " + DslText.Name(m.Name.Name) + (m.Ancestor is { } ancestor ? " : " + DslText.Name(ancestor.Name) : "");
        return lines.Count == 0 ? head + ";" : head + " {\n" + string.Join("\n", lines) + "\n}";
    }

    private static string Signature(SignatureSyntax s)
    {
        var text = $"{DslText.Decimal(s.Family)}:{DslText.Decimal(s.Model)}";
        if (s.Steppings is not { } steppings)
        {
            return text;
        }

        if (steppings == 0)
        {
            throw new ArgumentException($"Signature {text} has an empty stepping set; write null for any stepping.", nameof(s));
        }

        return $"{text}[{ModelSignature.FormatSteppings(steppings)}]";
    }

    /// <summary>A space-separated list statement wrapped before <see cref="WrapColumn"/>, continuation lines indented 8 spaces.</summary>
    private static void AddWrapped(List<string> lines, string keyword, IEnumerable<string> items)
    {
        var line = new StringBuilder(Indent).Append(keyword);
        var count = 0;
        foreach (var item in items)
        {
            // +2: the space before the item and the ';' that may follow it.
            if (count > 0 && line.Length + item.Length + 2 > WrapColumn)
            {
                lines.Add(line.ToString());
                line.Clear().Append(ContinuationIndent).Append(item);
            }
            else
            {
                line.Append(' ').Append(item);
            }

            count++;
        }

        if (count > 0)
        {
            lines.Add(line.Append(';').ToString());
        }
    }
}
