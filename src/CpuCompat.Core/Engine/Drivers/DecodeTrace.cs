using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers;

/// <summary>One model the decoder looked at, and what happened to it (for <c>cpucompat explain</c>).</summary>
public sealed record DecodeStep(string Model, DecodeVerdict Verdict, string Reason, int Required, int Disabled, int Score, int Penalty);

public enum DecodeVerdict
{
    /// <summary>Not considered: not allowed, other vendor, decode flag off, or (host) a missing feature.</summary>
    Skipped,

    /// <summary>Considered and worse than (or tied with) the model chosen so far.</summary>
    Rejected,

    /// <summary>Became the best so far.</summary>
    Accepted,

    /// <summary>Became the best and ended the search (the single preferred model).</summary>
    AcceptedAndStopped,
}

/// <summary>
/// What a decode did, for <c>cpucompat explain</c>: the vendor and signature it read from the data, the rules applied
/// to the data and every model visited, in visiting order (newest first). Filled in by the driver that decodes.
/// </summary>
public sealed class DecodeTrace
{
    /// <summary>The vendor detected in the data, when the map knows it.</summary>
    public string? Vendor { get; set; }

    /// <summary>The CPU signature of the data (family 0 when the data has none).</summary>
    public CpuSignature Signature { get; set; }

    public List<string> AppliedRules { get; } = [];

    public List<DecodeStep> Steps { get; } = [];
}
