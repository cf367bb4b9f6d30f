using System.Collections.Immutable;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Topology;

/// <summary>
/// The host topology, the most vCPUs one guest can have without overcommit (one per online logical CPU, within
/// KVM's limit), the optional check of a guest's topology, and the notes on what could not be read.
/// </summary>
public sealed record TopologyReport(HostTopology Host, int MaxVcpusWithoutOvercommit, GuestTopologyCheck? Guest, ImmutableArray<HostNote> Notes);
