using System.Collections.Immutable;
using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;
using CpuCompat.Language.Parsing;
using CpuCompat.Language.Syntax;

namespace CpuCompat.Language.Compilation;

/// <summary>
/// Compiles DSL files into a <see cref="CpuDatabase"/>: parse every file, build its declarations, concatenate them
/// in file order (which is map order) and bind them. Declarations built from files with syntax errors are bound
/// too, so binding problems show up in the same run; but any error means no database. Never throws on input.
/// </summary>
public static class DslCompiler
{
    public const string FileExtension = ".ccl";

    /// <summary>Compiles files and directories (each directory: its <c>*.ccl</c> files, recursively, in ordinal path order).</summary>
    public static DslCompilation Compile(IEnumerable<string> paths)
    {
        var list = paths.ToList();
        var diagnostics = new DiagnosticBag();
        var sources = SourceCollector.Collect(list, diagnostics);
        return Compile(sources, string.Join(", ", list), diagnostics);
    }

    /// <summary>Compiles in-memory sources in the order given.</summary>
    public static DslCompilation Compile(IEnumerable<DslSource> sources, string sourceDescription = "DSL sources") =>
        Compile(sources, sourceDescription, new DiagnosticBag());

    /// <summary>
    /// Compiles policy files (pools, checks, ABI levels, tags) onto a compiled database: their names resolve against
    /// <paramref name="database"/>, which the result extends. Files and directories as for <see cref="Compile(IEnumerable{string})"/>.
    /// </summary>
    public static DslCompilation CompileOnto(IEnumerable<string> paths, CpuDatabase database)
    {
        var diagnostics = new DiagnosticBag();
        var declarations = Parse(SourceCollector.Collect(paths.ToList(), diagnostics), diagnostics);
        var bound = DatabaseBinder.Extend(database, declarations);
        var frontEndFailed = diagnostics.HasErrors;
        diagnostics.AddRange(bound.Diagnostics);
        return new DslCompilation(frontEndFailed ? null : bound.Database, declarations, DiagnosticCap.Apply(diagnostics.Items));
    }

    private static ImmutableArray<Declaration> Parse(IEnumerable<DslSource> sources, DiagnosticBag diagnostics)
    {
        var declarations = ImmutableArray.CreateBuilder<Declaration>();
        foreach (var source in sources)
        {
            var parsed = DslParser.Parse(source.Text, source.Path);
            var built = SyntaxBuilder.Build(parsed);
            if (parsed.IsBlank && parsed.Diagnostics.IsEmpty)
            {
                // An empty file is nearly always a mistake (a truncated copy, the wrong path), never a database.
                diagnostics.Add(SyntaxDiagnostics.EmptySource(new SourceSpan(source.Path, 1, 1)));
            }

            diagnostics.AddRange(parsed.Diagnostics.Concat(built.Diagnostics)
                .OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column));
            declarations.AddRange(built.Declarations);
        }

        return declarations.ToImmutable();
    }

    private static DslCompilation Compile(IEnumerable<DslSource> sources, string description, DiagnosticBag diagnostics)
    {
        var declarations = Parse(sources, diagnostics);
        var bound = DatabaseBinder.Bind(declarations, new BindOptions
        {
            Source = description,
            DefaultGeneration = LibvirtGeneration.Libvirt11,
        });
        var frontEndFailed = diagnostics.HasErrors;
        diagnostics.AddRange(bound.Diagnostics);
        return new DslCompilation(frontEndFailed ? null : bound.Database, declarations, DiagnosticCap.Apply(diagnostics.Items));
    }
}
