using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Host.Capabilities;

/// <summary><c>&lt;migration_features&gt;</c>: live migration and the URI transports the driver accepts.</summary>
public sealed record MigrationFeatures(bool Live, ImmutableArray<string> UriTransports);

/// <summary>
/// The <c>&lt;host&gt;</c> section of libvirt's capabilities, in its print order: UUID; <c>&lt;cpu&gt;</c> (arch, host
/// feature flags, the decoded CPU definition, page sizes); power management; IOMMU; migration; net prefix; NUMA
/// topology; caches; security models.
/// </summary>
public sealed record HostSection
{
    public string? Uuid { get; init; }

    public required string Arch { get; init; }

    /// <summary>Host CPU flags printed as <c>&lt;features&gt;&lt;pae/&gt;&lt;/features&gt;</c> (the Xen driver only).</summary>
    public ImmutableArray<string> CpuFlags { get; init; } = [];

    /// <summary>The host CPU from the engine's host decode, with microcode, counter, topology and maxphysaddr; null when unknown.</summary>
    public CpuDefinition? Cpu { get; init; }

    public ImmutableArray<uint> PageSizesKiB { get; init; } = [];

    /// <summary>suspend_mem, suspend_disk, suspend_hybrid (those supported, in that order).</summary>
    public ImmutableArray<string> PowerManagement { get; init; } = [];

    public bool Iommu { get; init; }

    public MigrationFeatures? Migration { get; init; }

    public string? NetPrefix { get; init; }

    public NumaTopology? Numa { get; init; }

    public ImmutableArray<CacheBank> Caches { get; init; } = [];

    public ImmutableArray<SecurityModel> SecurityModels { get; init; } = [];
}
