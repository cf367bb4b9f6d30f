using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// The host <c>&lt;cpu&gt;</c> the QEMU driver reports (libvirt's <c>virCPUx86GetHost</c>): the host decode of the
/// probed CPUID/MSR data, the microcode revision of <c>/proc/cpuinfo</c>, the TSC counter (only with invariant TSC,
/// asked from KVM), the node-info topology with one die (and one cluster), and the physical address bits.
/// </summary>
public static class HostCpuBuilder
{
    /// <summary>Null (with a note) when the CPUID of the root's machine is unknown or the decode fails.</summary>
    public static CpuDefinition? Build(HostEnvironment env, CpuEngine? engine, CpuInfo cpuInfo, NodeInfo nodeInfo, HostNotes notes)
    {
        if (!env.IsX86)
        {
            notes.Omitted("host CPU model", $"CpuCompat decodes x86 hosts only; this host is {env.Arch}", HostCodes.NotApplicable);
            return null;
        }

        if (env.Cpuid is not { } cpuid)
        {
            return null;
        }

        if (engine?.Database.X86 is not { } x86)
        {
            notes.Omitted("host CPU model", "the database has no x86 models", HostCodes.NotApplicable);
            return null;
        }

        // A recording carries its machine's MSRs; otherwise they are read from this machine.
        var msrs = cpuid as IMsrSource ?? new MsrReader(env.Root, env.Kvm, notes);
        var data = HostCpuData.Read(cpuid, msrs, x86, engine.Database.Generation);
        var decoded = engine.Decode(new DecodeRequest(DecodeRequest.HostStub(env.Arch), data));
        if (!decoded.Succeeded)
        {
            notes.Unavailable("host CPU model", $"the host decode failed: {decoded.Error.Message}", HostCodes.SourceMalformed);
            return null;
        }

        return decoded.Value with
        {
            // The capabilities print <arch> themselves, before host feature flags.
            Arch = null,
            Microcode = cpuInfo.Microcode ?? 0,
            Tsc = Tsc(env, engine, data, notes),
            Topology = nodeInfo.IsKnown ? new CpuTopology((uint)nodeInfo.Sockets, 1, 1, (uint)nodeInfo.Cores, (uint)nodeInfo.Threads) : null,
            MaxPhysAddr = PhysicalAddressBits(cpuInfo, data, notes) is { } bits ? new CpuMaxPhysAddr("emulate", bits, null) : null,
        };
    }

    /// <summary>libvirt probes the TSC only when the data has invariant TSC, and only through KVM.</summary>
    private static TscCounter? Tsc(HostEnvironment env, CpuEngine engine, CpuData data, HostNotes notes)
    {
        if (!engine.HasFeature(data, "invtsc").TryGetValue(out var invariant) || !invariant)
        {
            return null;
        }

        if (env.Kvm is null)
        {
            notes.Unavailable("TSC frequency", env.Root.IsLive ? "no /dev/kvm to ask" : "only asked of the live root's /dev/kvm");
            return null;
        }

        var tsc = env.Kvm.GetTscInfo(out var failure);
        if (tsc is null)
        {
            notes.Unavailable("TSC frequency", failure ?? "KVM did not answer", HostCodes.SourceUnreadable);
        }

        return tsc;
    }

    /// <summary>libvirt reads "address sizes" of <c>/proc/cpuinfo</c>; CPUID 0x80000008 EAX[7:0] says the same when that is missing.</summary>
    private static uint? PhysicalAddressBits(CpuInfo cpuInfo, CpuData data, HostNotes notes)
    {
        if (cpuInfo.PhysicalAddressBits is { } bits)
        {
            return bits;
        }

        var fromCpuid = data[DataKey.Cpuid(0x80000008)].Eax & 0xFF;
        if (fromCpuid == 0)
        {
            return null;
        }

        notes.Substituted("maxphysaddr", "taken from CPUID 0x80000008 EAX[7:0]: /proc/cpuinfo has no 'address sizes'");
        return fromCpuid;
    }
}
