namespace CpuCompat.Core.Cpu;

/// <summary>A feature named in a CPU definition; host definitions carry no policy (<see cref="Policy"/> null).</summary>
public sealed record CpuFeature(string Name, FeaturePolicy? Policy)
{
    /// <summary>The policy the algorithms use: a host feature counts as <c>require</c>.</summary>
    public FeaturePolicy EffectivePolicy => Policy ?? FeaturePolicy.Require;
}
