using System.Collections.Immutable;
using CpuCompat.Integrations;
using CpuCompat.Pools;

namespace CpuCompat;

/// <summary>Pool baselines where guests are defined: as OpenStack Nova, KubeVirt and Proxmox VE take a guest CPU.</summary>
public sealed partial class CpuCompatibility
{
    /// <summary>
    /// Each pool's baseline as each system's configuration — <c>nova.conf</c>'s <c>[libvirt]</c> section, a KubeVirt
    /// VirtualMachine's <c>spec.domain.cpu</c>, a Proxmox VE custom CPU model — or, per pool and system, why that system
    /// cannot express it exactly. Pools in their order, each with the systems in the order given.
    /// </summary>
    public ImmutableArray<PoolSnippet> ForSystems(IEnumerable<PoolBaseline> pools, IReadOnlyList<TargetSystem> systems) =>
        PoolSnippet.Of(Engine, pools, systems);
}
