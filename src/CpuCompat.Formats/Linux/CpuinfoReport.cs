using System.Collections.Immutable;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Linux;

/// <summary>How a <c>/proc/cpuinfo</c> flag was turned into CPU data.</summary>
public enum CpuinfoFlagKind
{
    /// <summary>The flag is a CPUID (or MSR) bit the database names, in libvirt or Linux spelling: its bits were set.</summary>
    Exact,

    /// <summary>Linux synthesizes the flag from a vendor-specific bit; CpuCompat set the bit Linux most likely read.</summary>
    Derived,

    /// <summary>A Linux-defined flag with no CPUID bit of its own (<c>rep_good</c>, <c>cpuid</c>, <c>constant_tsc</c>…): ignored.</summary>
    Synthetic,

    /// <summary>No database feature has this name or alias (a bit libvirt does not model): ignored.</summary>
    NotInDatabase,
}

/// <summary>One flag of the <c>flags</c> line, what it became (<see cref="Feature"/>, when any) and why.</summary>
public sealed record CpuinfoFlag(string Flag, CpuinfoFlagKind Kind, string? Feature, string Reason);

/// <summary>
/// What reading <c>/proc/cpuinfo</c> could and could not recover: every flag with its mapping, the database features
/// cpuinfo never shows (so a decode from cpuinfo may differ from a decode of the raw CPUID data), and the
/// <c>bugs</c> line, which lists vulnerabilities rather than CPUID bits.
/// </summary>
public sealed record CpuinfoReport(ImmutableArray<CpuinfoFlag> Flags, ImmutableArray<string> HiddenFeatures, ImmutableArray<string> Bugs)
{
    public static readonly CpuinfoReport Empty = new([], [], []);

    /// <summary>The flags that set no bits: Linux-defined ones and names the database does not know.</summary>
    public IEnumerable<CpuinfoFlag> UnmappedFlags => Flags.Where(f => f.Kind is CpuinfoFlagKind.Synthetic or CpuinfoFlagKind.NotInDatabase);

    /// <summary>The flags read by inference rather than by name.</summary>
    public IEnumerable<CpuinfoFlag> DerivedFlags => Flags.Where(f => f.Kind == CpuinfoFlagKind.Derived);
}
