using System.Collections.Immutable;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Capabilities;

/// <summary>A machine type of a guest architecture (<c>&lt;machine canonical='…' maxCpus='…'&gt;</c>).</summary>
public sealed record GuestMachine(string Name, string? Canonical = null, int MaxCpus = 0, bool Deprecated = false);

/// <summary>
/// A guest feature (<c>&lt;acpi default='on' toggle='yes'/&gt;</c>): <see cref="DefaultOn"/> and <see cref="Toggle"/> are
/// printed only for the features libvirt gives toggles (acpi, apic, disksnapshot, hap).
/// </summary>
public sealed record GuestFeature(string Name, bool? DefaultOn = null, bool? Toggle = null);

/// <summary>
/// One <c>&lt;guest&gt;</c>: OS type, architecture with word size, default emulator and loader, machine types, the
/// domain types that can run it, and its features.
/// </summary>
public sealed record GuestSection(
    string OsType,
    string Arch,
    int WordSize,
    string? Emulator,
    string? Loader,
    ImmutableArray<GuestMachine> Machines,
    ImmutableArray<string> DomainTypes,
    ImmutableArray<GuestFeature> Features);
