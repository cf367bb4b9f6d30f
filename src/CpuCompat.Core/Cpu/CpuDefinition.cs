using System.Collections.Immutable;

namespace CpuCompat.Core.Cpu;

/// <summary>
/// A CPU definition as libvirt's <c>&lt;cpu&gt;</c> element holds it: a host CPU or a guest CPU,
/// its model, vendor and the features it names, in order. Immutable; operations return changed copies.
/// </summary>
public sealed record CpuDefinition
{
    public CpuType Type { get; init; } = CpuType.Guest;

    /// <summary>The guest mode; null for host definitions, which have none.</summary>
    public CpuMode? Mode { get; init; } = CpuMode.Custom;

    public CpuMatch Match { get; init; } = CpuMatch.Exact;

    public CpuCheck Check { get; init; } = CpuCheck.Default;

    public CpuFallback Fallback { get; init; } = CpuFallback.Allow;

    public string? Model { get; init; }

    public string? Vendor { get; init; }

    /// <summary>A guest's 12-character <c>vendor_id</c> override.</summary>
    public string? VendorId { get; init; }

    /// <summary>The architecture name (host definitions: <c>&lt;arch&gt;</c>).</summary>
    public string? Arch { get; init; }

    /// <summary>Host signature; printed only when the family is non-zero.</summary>
    public CpuSignature? Signature { get; init; }

    public uint Microcode { get; init; }

    public TscCounter? Tsc { get; init; }

    public CpuTopology? Topology { get; init; }

    public CpuCache? Cache { get; init; }

    public CpuMaxPhysAddr? MaxPhysAddr { get; init; }

    /// <summary><c>migratable='on|off'</c> (host-passthrough and maximum only).</summary>
    public bool? Migratable { get; init; }

    /// <summary><c>deprecated_features='on|off'</c> (11.x).</summary>
    public bool? DeprecatedFeatures { get; init; }

    public ImmutableArray<CpuFeature> Features { get; init; } = [];

    public static CpuDefinition NewHost(string arch) => new() { Type = CpuType.Host, Mode = null, Arch = arch };

    public static CpuDefinition NewGuest() => new() { Type = CpuType.Guest, Mode = CpuMode.Custom };

    public CpuFeature? FindFeature(string name)
    {
        foreach (var f in Features)
        {
            if (f.Name == name)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>
    /// A copy where feature <paramref name="name"/> has <paramref name="policy"/>: its policy is overwritten if it is
    /// listed, else it is appended (libvirt's "update feature").
    /// </summary>
    public CpuDefinition WithFeature(string name, FeaturePolicy? policy)
    {
        for (var i = 0; i < Features.Length; i++)
        {
            if (Features[i].Name == name)
            {
                return this with { Features = Features.SetItem(i, new CpuFeature(name, policy)) };
            }
        }

        return this with { Features = Features.Add(new CpuFeature(name, policy)) };
    }
}
