using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// The front-end-neutral syntax model of a database: what a DSL file or a libvirt cpu_map says, names still
/// unresolved, every name with its own span. Both front ends produce these; <see cref="Binding.DatabaseBinder"/>
/// turns them into a <see cref="CpuDatabase"/>.
/// </summary>
public abstract record Declaration(SourceSpan Span);

/// <summary>A declaration that belongs to one architecture's section of the database.</summary>
public abstract record ArchDeclaration(ArchFamily Arch, SourceSpan Span) : Declaration(Span);

/// <summary>A name as written, with where it was written.</summary>
public readonly record struct NameRef(string Name, SourceSpan Span)
{
    public override string ToString() => Name;
}

/// <summary><c>compat libvirt "11.3.0";</c> — whose behaviour the database reproduces.</summary>
public sealed record CompatDeclaration(string LibvirtVersion, SourceSpan Span) : Declaration(Span);
