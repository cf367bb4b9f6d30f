using System.Collections.Immutable;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Libvirt.Xml;

/// <summary>A custom model as domain capabilities list it: name, vendor (null: 'unknown'), usability, canonical name, blockers.</summary>
public sealed record DomainCpuModel(string Name, string? Vendor, bool Usable, string? Canonical, ImmutableArray<string> Blockers);

/// <summary>
/// The <c>&lt;cpu&gt;</c> part of libvirt's <c>&lt;domainCapabilities&gt;</c>: which CPU modes a guest may use on this
/// host, the host-model CPU it would get, and the custom models with their usability.
/// </summary>
public sealed record DomainCpuCapabilities(
    bool HostPassthrough,
    bool Maximum,
    CpuDefinition? HostModel,
    uint? PhysAddrBits,
    ImmutableArray<DomainCpuModel> Models);
