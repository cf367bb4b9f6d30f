using CpuCompat.Core.Cpu;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database.Rules;

/// <summary>
/// What a condition can look at: the detected vendor, the CPU signature and the features present, and for a host of a
/// fleet (pool selectors) its labels.
/// </summary>
public readonly record struct RuleFacts(int? VendorId, bool HasSignature, uint Family, uint Model, uint Stepping, FeatureSet Features)
{
    /// <summary>The host's labels (<c>cluster</c>: <c>east</c>); null outside a fleet, where no label test holds.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
