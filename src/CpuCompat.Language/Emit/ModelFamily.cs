using System.Text;
using System.Text.RegularExpressions;

namespace CpuCompat.Language.Emit;

/// <summary>
/// Which file of <c>data/</c> a model goes to: models that differ only by a version (<c>-v2</c>) or a
/// security-fix variant suffix share a family, so Haswell-noTSX, Haswell-IBRS and Haswell-v3 land in one
/// <c>haswell</c> file.
/// </summary>
internal static partial class ModelFamily
{
    // Longest first: "-noTSX-IBRS" must go before "-noTSX" and "-IBRS" can strip it piecemeal.
    private static readonly string[] VariantSuffixes = ["-noTSX-IBRS", "-noTSX", "-IBRS", "-IBPB"];

    /// <summary>The family's display name: the model name without its version and variant suffix (<c>Haswell</c>).</summary>
    public static string Stem(string model)
    {
        var stem = VersionSuffix().Replace(model, "");
        foreach (var suffix in VariantSuffixes)
        {
            if (stem.Length > suffix.Length && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                return stem[..^suffix.Length];
            }
        }

        return stem;
    }

    /// <summary>The family key used in the file name: the stem lower-cased, with characters unsafe in file names replaced.</summary>
    public static string Key(string model)
    {
        var key = new StringBuilder();
        foreach (var c in Stem(model).ToLowerInvariant())
        {
            key.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or '_' ? c : '_');
        }

        return key.Length == 0 || key.ToString().Trim('.').Length == 0 ? "model" : key.ToString();
    }

    [GeneratedRegex(@"-v[0-9]+\z")]
    private static partial Regex VersionSuffix();
}
