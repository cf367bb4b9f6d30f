using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>A compiled <c>check</c> statement about the pool named <see cref="Pool"/> (an index into <see cref="ArchDatabase.Pools"/>).</summary>
public abstract record PoolCheck(int Pool, SourceSpan Span);

/// <summary>Every guest of <see cref="Directory"/> (null: of the <c>--guests</c> directory) runs on every member.</summary>
public sealed record GuestsCheck(int Pool, string? Directory, SourceSpan Span) : PoolCheck(Pool, Span);

/// <summary>The pool's baseline offers every feature of model <see cref="Model"/>.</summary>
public sealed record MinimumCheck(int Pool, int Model, SourceSpan Span) : PoolCheck(Pool, Span);

/// <summary>The pool's baseline model is not one the hypervisor marks deprecated.</summary>
public sealed record DeprecatedCheck(int Pool, SourceSpan Span) : PoolCheck(Pool, Span);

/// <summary>No member of the pool has any feature of <see cref="Features"/>.</summary>
public sealed record ExposesCheck(int Pool, FeatureSet Features, SourceSpan Span) : PoolCheck(Pool, Span);
