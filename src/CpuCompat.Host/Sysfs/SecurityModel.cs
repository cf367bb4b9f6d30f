using System.Collections.Immutable;

namespace CpuCompat.Host.Sysfs;

/// <summary>The label a security driver starts guests of one virtualization type with (<c>&lt;baselabel type='kvm'&gt;</c>).</summary>
public sealed record SecurityLabel(string VirtType, string Label);

/// <summary>One <c>&lt;secmodel&gt;</c> of the capabilities: the driver (selinux, apparmor, none, dac), its DOI, its base labels.</summary>
public sealed record SecurityModel(string Model, string Doi, ImmutableArray<SecurityLabel> BaseLabels);
