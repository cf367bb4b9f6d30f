using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Compilation;
using CpuCompat.Language.Parsing;
using CpuCompat.Language.Syntax;

namespace CpuCompat.Language.Tests.TestSupport;

/// <summary>Short ways to run the front end on a string in tests.</summary>
internal static class Dsl
{
    public const string File = "test.ccl";

    /// <summary>Parse and build one text: the declarations and every front-end diagnostic (syntax then validation).</summary>
    public static (ImmutableArray<Declaration> Declarations, ImmutableArray<Diagnostic> Diagnostics) Build(string text)
    {
        var parsed = DslParser.Parse(text, File);
        var built = SyntaxBuilder.Build(parsed);
        return (built.Declarations, [.. parsed.Diagnostics, .. built.Diagnostics]);
    }

    /// <summary>Builds text that must be free of diagnostics, returning its declarations.</summary>
    public static ImmutableArray<Declaration> Declarations(string text)
    {
        var (declarations, diagnostics) = Build(text);
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
        return declarations;
    }

    public static T Single<T>(string text)
        where T : Declaration => Assert.Single(Declarations(text).OfType<T>());

    public static DslCompilation Compile(string text) => DslCompiler.Compile([new DslSource(File, text)]);

    /// <summary>"code line:column" of each diagnostic, the form the location assertions compare.</summary>
    public static string[] Locations(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => $"{d.Code} {d.Span.Line}:{d.Span.Column}")];
}
