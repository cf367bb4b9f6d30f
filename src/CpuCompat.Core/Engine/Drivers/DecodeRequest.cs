using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers;

/// <summary>
/// A decode of raw CPU data: choosing the model libvirt would name for it. The stub's type says which decode runs
/// (a host stub: only models whose features are all present, features without policy; a guest stub: missing
/// features become <c>disable</c>), and its fallback matters when a single model is allowed.
/// </summary>
/// <param name="Stub">The definition the result starts from (type, mode, match, fallback).</param>
/// <param name="Data">Raw CPUID/MSR data.</param>
public sealed record DecodeRequest(CpuDefinition Stub, CpuData Data)
{
    /// <summary>Only these models may be chosen (what the hypervisor can run); blockers become disabled features.</summary>
    public AllowedModels? Allowed { get; init; }

    /// <summary>Leave non-migratable features (<c>invtsc</c>, <c>xsaves</c>) out of the result.</summary>
    public bool Migratable { get; init; }

    /// <summary>Receives every decision when set.</summary>
    public DecodeTrace? Trace { get; init; }

    /// <summary>The stub of a host decode: the host CPU of <c>virsh capabilities</c>.</summary>
    public static CpuDefinition HostStub(string arch = "x86_64") => CpuDefinition.NewHost(arch) with { Mode = CpuMode.Custom };

    /// <summary>The stub of a guest decode: the CPU a host-model guest is given (match exact, fallback forbid).</summary>
    public static CpuDefinition GuestStub() => CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid };
}
