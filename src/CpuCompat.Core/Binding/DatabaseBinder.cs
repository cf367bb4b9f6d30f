using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Binding;

/// <summary>
/// Binds declarations (from the DSL or a libvirt cpu_map) into a compiled <see cref="CpuDatabase"/>: resolves
/// names with suggestions, inheritance (with cycle detection), versions and aliases, signatures; assigns dense
/// feature ids in declaration order; precomputes every model's complete feature set; compiles rules, dependencies
/// and pools to bit masks; and checks the whole database. All problems are reported, not just the first.
/// </summary>
public static class DatabaseBinder
{
    public static BindResult Bind(IReadOnlyList<Declaration> declarations, BindOptions? options = null)
    {
        options ??= new BindOptions();
        var diagnostics = new DiagnosticBag();
        var generation = BindCompat(declarations, options.DefaultGeneration, diagnostics);

        var architectures = new List<ArchDatabase>();
        foreach (var family in Enum.GetValues<ArchFamily>())
        {
            var items = new List<(int Index, ArchDeclaration Declaration)>();
            for (var i = 0; i < declarations.Count; i++)
            {
                if (declarations[i] is ArchDeclaration d && d.Arch == family)
                {
                    items.Add((i, d));
                }
            }

            if (items.Count > 0)
            {
                var binder = new ArchBinder(family, generation, options.DeclareBeforeUse, items, diagnostics);
                architectures.Add(binder.Bind());
            }
        }

        var database = diagnostics.HasErrors ? null : new CpuDatabase(generation, options.Source, architectures);
        return new BindResult(database, diagnostics.ToImmutable());
    }

    /// <summary>
    /// <paramref name="database"/> with policy declarations added: pools, checks, ABI levels and tags that name its
    /// vendors, features and models (a site's policy file over the database in use). Declaring anything else is an error.
    /// </summary>
    public static BindResult Extend(CpuDatabase database, IReadOnlyList<Declaration> declarations)
    {
        var diagnostics = new DiagnosticBag();
        var architectures = new List<ArchDatabase>();
        foreach (var arch in database.Architectures)
        {
            var items = new List<(int Index, ArchDeclaration Declaration)>();
            for (var i = 0; i < declarations.Count; i++)
            {
                if (declarations[i] is ArchDeclaration d && d.Arch == arch.Family)
                {
                    items.Add((i, d));
                }
            }

            architectures.Add(items.Count == 0 ? arch : new ArchBinder(arch, database.Generation, items, diagnostics).Bind());
        }

        foreach (var d in declarations.OfType<ArchDeclaration>().Where(d => database.For(d.Arch) is null))
        {
            diagnostics.Add(BindingDiagnostics.NotForArch(d.Span, $"a policy for {ArchNames.DslName(d.Arch)}", d.Arch));
        }

        var extended = diagnostics.HasErrors ? null : new CpuDatabase(database.Generation, database.Source, architectures);
        return new BindResult(extended, diagnostics.ToImmutable());
    }

    private static LibvirtGeneration BindCompat(IReadOnlyList<Declaration> declarations, LibvirtGeneration fallback, DiagnosticBag diagnostics)
    {
        CompatDeclaration? first = null;
        LibvirtGeneration? generation = null;
        foreach (var compat in declarations.OfType<CompatDeclaration>())
        {
            var g = LibvirtGenerations.FromVersion(compat.LibvirtVersion);
            if (g is null)
            {
                diagnostics.Add(BindingDiagnostics.BadCompat(compat.Span, compat.LibvirtVersion));
                continue;
            }

            if (first is null)
            {
                first = compat;
                generation = g;
            }
            else if (compat.LibvirtVersion != first.LibvirtVersion)
            {
                diagnostics.Add(BindingDiagnostics.CompatConflict(compat.Span, compat.LibvirtVersion, first.LibvirtVersion));
            }
        }

        return generation ?? fallback;
    }
}
