using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;

namespace CpuCompat.Formats.Convert;

/// <summary>
/// Turns raw CPU data into a CPU definition the way libvirt does (semantics §6.8): the host CPU of
/// <c>virsh capabilities</c> (host decode over all models), or the guest CPU a host-model guest gets (guest decode,
/// match exact, fallback forbid, optionally restricted to the hypervisor's models). Commands that take CPU definitions
/// (cpu-compare --host, cpu-baseline) call <see cref="DecodeHost"/> on raw inputs first.
/// </summary>
public static class RawDataDecoder
{
    public static CpuDefinition HostStub() => CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom };

    public static CpuDefinition GuestStub() => CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid };

    public static Outcome<CpuDefinition> DecodeHost(X86Driver x86, CpuData data) =>
        x86.Decode(new X86DecodeRequest(HostStub(), X86Input.FromData(x86.Database, data)));

    public static Outcome<CpuDefinition> DecodeGuest(X86Driver x86, CpuData data, AllowedModels? allowed = null) =>
        x86.Decode(new X86DecodeRequest(GuestStub(), X86Input.FromData(x86.Database, data)) { Allowed = allowed });
}
