using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Binding;

/// <summary>How <see cref="DatabaseBinder"/> binds a set of declarations.</summary>
public sealed record BindOptions
{
    /// <summary>The generation used when no <c>compat</c> declaration says otherwise.</summary>
    public LibvirtGeneration DefaultGeneration { get; init; } = LibvirtGeneration.Libvirt11;

    /// <summary>
    /// libvirt's loading rule for cpu_map files: a model may only name vendors, features and ancestors declared
    /// before it. The DSL resolves names wherever they are declared.
    /// </summary>
    public bool DeclareBeforeUse { get; init; }

    /// <summary>Describes where the declarations came from (kept in <see cref="CpuDatabase.Source"/>).</summary>
    public string Source { get; init; } = "";
}

/// <summary>The database (null when there were errors) and every diagnostic found.</summary>
public sealed record BindResult(CpuDatabase? Database, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Database is not null;
}
