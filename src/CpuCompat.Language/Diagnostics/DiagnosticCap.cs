using System.Collections.Immutable;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Language.Diagnostics;

/// <summary>
/// Keeps at most <see cref="PerFile"/> diagnostics of each file, then one "… and N more" in their place: a file of
/// garbage yields a screenful that says what is wrong, not one line per byte.
/// </summary>
internal static class DiagnosticCap
{
    public const int PerFile = 20;

    public static ImmutableArray<Diagnostic> Apply(IReadOnlyList<Diagnostic> diagnostics)
    {
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        var hidden = new Dictionary<string, (int Count, int Errors, int After)>(StringComparer.Ordinal);
        var kept = new List<Diagnostic>(Math.Min(diagnostics.Count, 4 * PerFile));
        foreach (var d in diagnostics)
        {
            var file = d.Span.File;
            var count = shown.GetValueOrDefault(file) + 1;
            shown[file] = count;
            // The parser's own "gave up" notice says the count is a lower bound: it stays.
            if (count <= PerFile || d.Code == SyntaxCodes.MoreDiagnostics)
            {
                kept.Add(d);
                continue;
            }

            var (n, errors, after) = hidden.GetValueOrDefault(file, (0, 0, kept.Count));
            hidden[file] = (n + 1, errors + (d.IsError ? 1 : 0), after);
        }

        // Each summary goes where the file's hidden diagnostics began; inserting from the back keeps positions valid.
        foreach (var (file, (n, errors, after)) in hidden.OrderByDescending(h => h.Value.After))
        {
            kept.Insert(after, SyntaxDiagnostics.More(SourceSpan.None(file), n, errors));
        }

        return [.. kept];
    }
}
