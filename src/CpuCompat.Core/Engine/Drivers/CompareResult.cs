using System.Collections.Immutable;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers;

/// <summary>libvirt's compare verdicts (errors are an <see cref="Outcome{T}"/> failure).</summary>
public enum CompareResult
{
    Incompatible,
    Identical,
    Superset,
}

/// <summary>
/// A compare verdict; when incompatible, why (<see cref="Reason"/>, e.g. "Host CPU does not provide required
/// features") and the features at fault, in map order.
/// </summary>
public sealed record CompareOutcome(CompareResult Result, string? Reason, ImmutableArray<string> Features)
{
    public static CompareOutcome Identical { get; } = new(CompareResult.Identical, null, []);

    public static CompareOutcome Superset { get; } = new(CompareResult.Superset, null, []);

    public static CompareOutcome IncompatibleBecause(string reason, IEnumerable<string>? features = null) =>
        new(CompareResult.Incompatible, reason, features?.ToImmutableArray() ?? []);

    /// <summary>"reason: a, b, c", or the bare reason when no features are listed.</summary>
    public string? Message => Reason is null ? null : Features.IsEmpty ? Reason : $"{Reason}: {string.Join(", ", Features)}";
}
