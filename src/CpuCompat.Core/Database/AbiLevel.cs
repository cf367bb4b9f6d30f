using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>
/// A compiled ABI level (the x86-64 psABI's <c>x86-64-v1</c> … <c>v4</c>): its features including those of its base
/// level, and the index of the base in <see cref="ArchDatabase.Levels"/>. A feature set is at the level when it has
/// every feature of it.
/// </summary>
public sealed record AbiLevel(string Name, int? BaseIndex, FeatureSet Features, SourceSpan Span)
{
    public bool IsMetBy(in FeatureSet features) => Features.IsSubsetOf(features);
}
