using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>A processor version register pattern: matches when <c>(pvr &amp; Mask) == Value</c>.</summary>
public sealed record PvrPattern(uint Value, uint? Mask);

/// <summary>
/// A compiled CPU model. <see cref="Features"/> is its complete feature set (ancestor data, adjusted, plus its own),
/// precomputed; <see cref="Removed"/> and <see cref="Added"/> are libvirt's removed/added lists, in declaration order.
/// </summary>
public sealed record ModelDefinition
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public int? VendorId { get; init; }

    public ImmutableArray<ModelSignature> Signatures { get; init; } = [];

    public bool DecodeHost { get; init; } = true;

    public bool DecodeGuest { get; init; } = true;

    /// <summary>libvirt 11's <c>&lt;check partial='compat'/&gt;</c>: a lighter start-up check may be used.</summary>
    public bool CompatCheck { get; init; }

    public int? AncestorId { get; init; }

    /// <summary>In 11.x semantics: the model is a pure alias of its ancestor (an ancestor and nothing else).</summary>
    public bool IsAlias { get; init; }

    /// <summary>In 11.x semantics: the pure alias that names this model canonically (e.g. <c>Haswell-v2</c> for <c>Haswell-noTSX</c>).</summary>
    public string? CanonicalName { get; init; }

    public FeatureSet Features { get; init; }

    /// <summary>The features this model itself lists as part of its data (not inherited).</summary>
    public FeatureSet OwnFeatures { get; init; }

    /// <summary>The features this model takes out of the inherited data (DSL <c>-f</c>).</summary>
    public FeatureSet SubtractedFeatures { get; init; }

    public ImmutableArray<int> Removed { get; init; } = [];

    public ImmutableArray<int> Added { get; init; } = [];

    public ImmutableArray<PvrPattern> Pvrs { get; init; } = [];

    public SourceSpan Span { get; init; }

    public bool HasSignature(uint family, uint model, uint stepping)
    {
        foreach (var s in Signatures)
        {
            if (s.Matches(family, model, stepping))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The base name and number of a versioned model name (<c>Skylake-Server-v4</c> gives (<c>Skylake-Server</c>, 4)).</summary>
    public (string BaseName, int Version)? VersionOf()
    {
        var dash = Name.LastIndexOf("-v", StringComparison.Ordinal);
        if (dash <= 0 || dash + 2 >= Name.Length)
        {
            return null;
        }

        var digits = Name.AsSpan(dash + 2);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return (Name[..dash], int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
    }
}
