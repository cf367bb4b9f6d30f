using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Output.Schemas;

/// <summary>
/// The JSON Schemas of every <c>--json</c> result, embedded in the library so that an installed tool can print them
/// (<c>cpucompat schema NAME</c>) without the source tree. Each result document carries its <c>schema_version</c>.
/// </summary>
public static class SchemaCatalog
{
    private const string Prefix = "CpuCompat.Schemas.";
    private const string Suffix = ".schema.json";

    /// <summary>The names of every schema, sorted (<c>cpu</c>, <c>compare</c>, <c>capabilities</c>, …).</summary>
    public static ImmutableArray<string> Names { get; } = [.. typeof(SchemaCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal)];

    /// <summary>The text of schema <paramref name="name"/>, or an error naming the schemas there are.</summary>
    public static Outcome<string> Read(string name)
    {
        if (!Names.Contains(name))
        {
            return Errors.UnknownName($"no JSON schema named '{name}'{NameSuggester.Hint(name, Names)} (schemas: {string.Join(", ", Names)})");
        }

        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(Prefix + name + Suffix)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
