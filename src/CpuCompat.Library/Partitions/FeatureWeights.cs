using System.Collections.Immutable;
using System.Globalization;
using System.IO.Enumeration;
using CpuCompat.Core;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Inputs;

namespace CpuCompat.Partitions;

/// <summary>One line of a weights file: a feature (name or alias), a glob over names, or <c>tag:NAME</c>, and the weight it gives.</summary>
public sealed record WeightRule(string Pattern, int Weight, int Line)
{
    public const string TagPrefix = "tag:";

    public bool Matches(ArchDatabase arch, FeatureDefinition feature) => Pattern switch
    {
        _ when Pattern.StartsWith(TagPrefix, StringComparison.Ordinal) => feature.Tags.Contains(Pattern[TagPrefix.Length..]),
        _ when IsGlob => FileSystemName.MatchesSimpleExpression(Pattern, feature.Name, ignoreCase: false),
        _ => arch.FindFeatureOrAlias(Pattern)?.Id == feature.Id,
    };

    public bool IsGlob => Pattern.AsSpan().IndexOfAny('*', '?') >= 0;
}

/// <summary>
/// How much each feature counts when <c>pool suggest</c> sums what guests keep: 1 each unless a weights file says
/// otherwise. A file has one rule a line, <c>PATTERN WEIGHT</c> (a feature name or alias, a glob such as
/// <c>avx512*</c>, or <c>tag:security</c>), and <c>default WEIGHT</c> for the features no rule matches; the last rule
/// that matches a feature gives its weight; <c>#</c> starts a comment. Weights are whole numbers from 0 to
/// <see cref="MaxWeight"/>.
/// </summary>
public sealed class FeatureWeights
{
    /// <summary>A weight above this would only say what a smaller ratio says; the cap keeps sums far from overflow.</summary>
    public const int MaxWeight = 1000;

    private const string DefaultKeyword = "default";

    private FeatureWeights(string? source, int defaultWeight, ImmutableArray<WeightRule> rules)
    {
        Source = source;
        Default = defaultWeight;
        Rules = rules;
    }

    /// <summary>Every feature counts 1: the objective is the number of features guests keep.</summary>
    public static FeatureWeights Uniform { get; } = new(null, 1, []);

    /// <summary>The file the weights came from; null for <see cref="Uniform"/>.</summary>
    public string? Source { get; }

    /// <summary>The weight of a feature no rule matches.</summary>
    public int Default { get; }

    public ImmutableArray<WeightRule> Rules { get; }

    /// <summary>The weights of a file; every name must be a feature of some architecture of <paramref name="database"/>.</summary>
    public static Outcome<FeatureWeights> Read(string path, CpuDatabase database)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Errors.Invalid($"cannot read the weights file {path}: {FileErrors.Describe(e, path)}");
        }

        return Parse(text, path, database);
    }

    /// <summary>The weights of a file's text; errors say <c>SOURCE:LINE: what is wrong</c>.</summary>
    public static Outcome<FeatureWeights> Parse(string text, string source, CpuDatabase database)
    {
        int? defaultWeight = null;
        var rules = ImmutableArray.CreateBuilder<WeightRule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var content = (line.IndexOf('#') is >= 0 and var hash ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var where = $"{source}:{i + 1}";
            var words = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); // null: at any white space
            if (words.Length != 2)
            {
                return Errors.Invalid($"{where}: expected 'FEATURE WEIGHT' or '{DefaultKeyword} WEIGHT', found '{content}'");
            }

            if (!int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > MaxWeight)
            {
                return Errors.Invalid($"{where}: the weight '{words[1]}' is not a whole number from 0 to {MaxWeight}");
            }

            if (words[0] == DefaultKeyword)
            {
                if (defaultWeight is not null)
                {
                    return Errors.Invalid($"{where}: a second '{DefaultKeyword}' line (one default weight a file)");
                }

                defaultWeight = weight;
                continue;
            }

            var rule = new WeightRule(words[0], weight, i + 1);
            if (Unmatched(rule, database) is { } problem)
            {
                return Errors.UnknownName($"{where}: {problem}");
            }

            rules.Add(rule);
        }

        return new FeatureWeights(source, defaultWeight ?? 1, rules.ToImmutable());
    }

    /// <summary>The weight of every feature of <paramref name="arch"/>.</summary>
    public WeightTable For(ArchDatabase arch)
    {
        var weights = new int[arch.Features.Length];
        foreach (var feature in arch.Features)
        {
            var weight = Default;
            foreach (var rule in Rules)
            {
                if (rule.Matches(arch, feature))
                {
                    weight = rule.Weight;
                }
            }

            weights[feature.Id] = weight;
        }

        return new WeightTable(weights);
    }

    /// <summary>Why a rule names nothing (a misspelt feature, an unknown tag, a glob that matches nothing), or null.</summary>
    private static string? Unmatched(WeightRule rule, CpuDatabase database)
    {
        if (database.Architectures.Any(arch => arch.Features.Any(f => rule.Matches(arch, f))))
        {
            return null;
        }

        var features = database.Architectures.SelectMany(a => a.FeatureNames).Distinct(StringComparer.Ordinal).ToList();
        if (rule.Pattern.StartsWith(WeightRule.TagPrefix, StringComparison.Ordinal))
        {
            var tags = database.Architectures.SelectMany(a => a.Features).SelectMany(f => f.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var tag = rule.Pattern[WeightRule.TagPrefix.Length..];
            return $"no feature has the tag '{tag}'{NameSuggester.Hint(tag, tags)} (tags: {string.Join(", ", tags)})";
        }

        return rule.IsGlob
            ? $"'{rule.Pattern}' matches no feature"
            : $"no feature named '{rule.Pattern}'{NameSuggester.Hint(rule.Pattern, features)}";
    }
}
