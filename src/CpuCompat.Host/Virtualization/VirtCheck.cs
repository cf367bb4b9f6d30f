using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Virtualization;

/// <summary>The outcome of one readiness check.</summary>
public enum CheckState
{
    /// <summary>Present and enabled.</summary>
    Ok,

    /// <summary>Present but switched off (firmware, module parameter, permissions).</summary>
    Off,

    /// <summary>Not there at all (no CPU support, module not loaded, no device).</summary>
    Missing,

    /// <summary>Could not be determined (source unreadable, does not apply to the loaded module).</summary>
    Unknown,
}

/// <summary>
/// One check of <see cref="VirtReport"/>: a stable snake_case <see cref="Id"/>, a display name, the state, what was
/// found, and how to turn it on (null when nothing is to be done).
/// </summary>
public sealed record VirtCheck(string Id, string Name, CheckState State, string Detail, string? Fix)
{
    public string StateName => State switch
    {
        CheckState.Ok => "ok",
        CheckState.Off => "off",
        CheckState.Missing => "missing",
        _ => "unknown",
    };
}
