using System.Collections.Immutable;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Topology;

/// <summary>How serious a finding of the guest check is: <c>error</c> means the guest does not fit.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}

public sealed record TopologyFinding(FindingSeverity Severity, string Message)
{
    public string SeverityName => Severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };
}

/// <summary>Whether a guest's topology fits the host without overcommit, and every reason found.</summary>
public sealed record GuestTopologyCheck(GuestTopologyRequest Request, bool Fits, ImmutableArray<TopologyFinding> Findings);
