using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>Feature <see cref="FeatureId"/> is only usable together with every feature of <see cref="Requires"/>.</summary>
public sealed record FeatureDependency(int FeatureId, FeatureSet Requires, SourceSpan Span);
