using System.Collections.Frozen;

namespace CpuCompat.Core.Cpu;

/// <summary>
/// Architecture names as libvirt spells them in <c>&lt;arch&gt;</c>, and the driver family each belongs to.
/// A name can be known (valid in a host CPU definition) without having a CPU driver, e.g. <c>ia64</c>.
/// </summary>
public static class ArchNames
{
    private static readonly FrozenSet<string> Known = FrozenSet.ToFrozenSet(
    [
        "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32", "loongarch64",
        "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc",
        "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64",
        "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb",
    ], StringComparer.Ordinal);

    public static bool IsKnown(string name) => Known.Contains(name);

    /// <summary>The driver family of an architecture name, or null when no CPU driver handles it.</summary>
    public static ArchFamily? FamilyOf(string name) => name switch
    {
        "x86_64" or "i686" => ArchFamily.X86,
        "ppc64" or "ppc64le" => ArchFamily.Ppc64,
        "aarch64" or "armv7l" or "armv6l" => ArchFamily.Arm,
        "s390" or "s390x" => ArchFamily.S390,
        _ => null,
    };

    /// <summary>The name a DSL file uses in its <c>arch</c> statement, also the default architecture of the family.</summary>
    public static string DslName(ArchFamily family) => family switch
    {
        ArchFamily.X86 => "x86_64",
        ArchFamily.Ppc64 => "ppc64",
        ArchFamily.S390 => "s390x",
        _ => "aarch64",
    };

    /// <summary>The name of the family's <c>&lt;arch&gt;</c> element in a libvirt cpu_map <c>index.xml</c>.</summary>
    public static string MapName(ArchFamily family) => family switch
    {
        ArchFamily.X86 => "x86",
        ArchFamily.Ppc64 => "ppc64",
        ArchFamily.S390 => "s390",
        _ => "arm",
    };

    public static ArchFamily? FromMapName(string name) => name switch
    {
        "x86" => ArchFamily.X86,
        "ppc64" => ArchFamily.Ppc64,
        "arm" => ArchFamily.Arm,
        _ => null,
    };
}
