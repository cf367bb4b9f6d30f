using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>How a model names a feature.</summary>
public enum ModelFeatureKind
{
    /// <summary>Part of the model's data (libvirt's plain <c>&lt;feature name=.../&gt;</c>, the DSL's <c>+f</c> or <c>f</c>).</summary>
    Include,

    /// <summary>Taken out of the data inherited from the ancestor (DSL only: <c>-f</c>).</summary>
    Subtract,

    /// <summary>libvirt's <c>removed='yes'</c>: not in the data; guest definitions of the model disable it explicitly.</summary>
    Removed,

    /// <summary>libvirt's <c>added='yes'</c> (11.x): not in the data; tolerated by UpdateLive.</summary>
    Added,
}

public sealed record ModelFeatureRef(NameRef Feature, ModelFeatureKind Kind);

/// <summary>A CPU signature a model matches; <paramref name="Steppings"/> is a bit mask over 0..15, null for any stepping.</summary>
public sealed record SignatureSyntax(uint Family, uint Model, ushort? Steppings, SourceSpan Span);

/// <summary>A processor version register pattern (ppc64, ARM): the model matches when <c>(pvr &amp; mask) == value</c>.</summary>
public sealed record PvrSyntax(uint Value, uint? Mask, SourceSpan Span);

/// <summary>
/// A named CPU model. With an <paramref name="Ancestor"/> it starts as a copy of the ancestor's vendor, signatures
/// and data; in 11.x semantics an ancestor with nothing else (no signature, vendor or feature) makes it a pure alias.
/// </summary>
public sealed record ModelDeclaration(
    ArchFamily Arch,
    NameRef Name,
    NameRef? Ancestor,
    NameRef? Vendor,
    ImmutableArray<SignatureSyntax> Signatures,
    bool DecodeHost,
    bool DecodeGuest,
    bool CompatCheck,
    ImmutableArray<ModelFeatureRef> Features,
    ImmutableArray<PvrSyntax> Pvrs,
    SourceSpan Span) : ArchDeclaration(Arch, Span);
