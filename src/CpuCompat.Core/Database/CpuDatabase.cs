using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Database;

/// <summary>
/// The compiled, immutable model database: one section per architecture family, and the libvirt generation
/// whose behaviour it reproduces. Built by <see cref="Binding.DatabaseBinder"/> from DSL or cpu_map declarations,
/// or read back from its binary form.
/// </summary>
public sealed class CpuDatabase
{
    public CpuDatabase(LibvirtGeneration generation, string source, IEnumerable<ArchDatabase> architectures)
    {
        Generation = generation;
        Source = source;
        foreach (var arch in architectures)
        {
            switch (arch.Family)
            {
                case ArchFamily.X86: X86 = arch; break;
                case ArchFamily.Ppc64: Ppc64 = arch; break;
                case ArchFamily.Arm: Arm = arch; break;
                default: throw new ArgumentException($"{arch.Family} has no database section.", nameof(architectures));
            }
        }
    }

    public LibvirtGeneration Generation { get; }

    /// <summary>Where the database came from, for messages ("built-in", a cpu_map directory, DSL files).</summary>
    public string Source { get; }

    public ArchDatabase? X86 { get; }

    public ArchDatabase? Ppc64 { get; }

    public ArchDatabase? Arm { get; }

    public ArchDatabase? For(ArchFamily family) => family switch
    {
        ArchFamily.X86 => X86,
        ArchFamily.Ppc64 => Ppc64,
        ArchFamily.Arm => Arm,
        _ => null,
    };

    public IEnumerable<ArchDatabase> Architectures => new[] { X86, Ppc64, Arm }.OfType<ArchDatabase>();

    /// <summary>The same database answering as another libvirt generation (the <c>--libvirt-version</c> override).</summary>
    public CpuDatabase WithGeneration(LibvirtGeneration generation) =>
        generation == Generation ? this : new CpuDatabase(generation, Source, Architectures);
}
