using System.Collections.Immutable;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Engine.Drivers;

/// <summary>Whether a host can run a model, and if not, the model's features it lacks (QEMU's "blockers").</summary>
public sealed record ModelSupport(ModelDefinition Model, string? Vendor, bool Usable, ImmutableArray<string> Blockers);
