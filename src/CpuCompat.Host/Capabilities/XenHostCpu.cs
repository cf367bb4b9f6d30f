using System.Collections.Immutable;
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
/// The host CPU libvirt's libxl driver reports: Xen passes only feature words (CPUID 1 EDX/ECX, 0x80000001 EDX/ECX,
/// 7.0 EBX/ECX, 0xD.1 EAX, 0x80000007 EDX), with no vendor or signature, so the decode sees only those registers.
/// The topology is Xen's cores per socket and threads per core with one die.
/// </summary>
public static class XenHostCpu
{
    private static readonly (DataKey Key, Registers Mask)[] FeatureWords =
    [
        (DataKey.Cpuid(0x1), new Registers(0, 0, uint.MaxValue, uint.MaxValue)),
        (DataKey.Cpuid(0x80000001), new Registers(0, 0, uint.MaxValue, uint.MaxValue)),
        (DataKey.Cpuid(0x7), new Registers(0, uint.MaxValue, uint.MaxValue, 0)),
        (DataKey.Cpuid(0xD, 1), new Registers(uint.MaxValue, 0, 0, 0)),
        (DataKey.Cpuid(0x80000007), new Registers(0, 0, 0, uint.MaxValue)),
    ];

    /// <summary>The decoded CPU (null when unknown) and the host flags (<c>pae</c> when leaf 1 EDX bit 6 is set).</summary>
    public static (CpuDefinition? Cpu, ImmutableArray<string> Flags) Build(HostEnvironment env, CpuEngine? engine, NodeInfo nodeInfo, HostNotes notes)
    {
        if (env.Cpuid is null || engine?.Database.X86 is null || !env.IsX86)
        {
            return (null, []);
        }

        var full = CpuidEnumerator.Enumerate(env.Cpuid);
        var words = CpuData.From(FeatureWords.Select(w => new DataSlot(w.Key, full[w.Key].And(w.Mask))));
        var flags = (full[DataKey.Cpuid(1)].Edx & (1u << 6)) != 0 ? ImmutableArray.Create("pae") : [];
        var decoded = engine.Decode(new DecodeRequest(DecodeRequest.HostStub(env.Arch), words));
        if (!decoded.Succeeded)
        {
            notes.Unavailable("host CPU model", $"the host decode failed: {decoded.Error.Message}", HostCodes.SourceMalformed);
            return (null, flags);
        }

        var topology = nodeInfo.IsKnown
            ? new CpuTopology((uint)(nodeInfo.Cpus / Math.Max(1, nodeInfo.Cores * nodeInfo.Threads)), 1, 1, (uint)nodeInfo.Cores, (uint)nodeInfo.Threads)
            : null;
        return (decoded.Value with { Arch = null, Topology = topology }, flags);
    }
}
