using System.Text.RegularExpressions;
using CpuCompat.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CpuCompat.Library.Tests;

/// <summary>
/// The README's library example is compiled with Roslyn against the built library and run as its own process from
/// the repository root, exactly as a reader would paste it into a program; its output must be the baseline the
/// command line gives for the same file.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    [GeneratedRegex(@"## Using CpuCompat from \.NET.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [Fact]
    public void The_readme_library_example_compiles_runs_and_gives_the_baseline()
    {
        var match = Example().Match(File.ReadAllText(RepositoryRoot.File("README.md")));
        Assert.True(match.Success, "README.md has no C# example under 'Using CpuCompat from .NET'");

        using var dir = new TempDirectory();
        var program = Path.Combine(dir.Path, "example.dll");
        Compile(match.Groups["code"].Value, program);
        foreach (var dll in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(IsLibraryDependency))
        {
            File.Copy(dll, Path.Combine(dir.Path, Path.GetFileName(dll)));
        }

        File.WriteAllText(Path.Combine(dir.Path, "example.runtimeconfig.json"), $$"""
            { "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "{{Environment.Version}}" } } }
            """);
        var run = ChildProcess.Run(ChildProcess.Dotnet, [program], RepositoryRoot.Path);
        var stdout = run.Stdout;

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        var expected = new StringWriter();
        CpuCompat.Cli.Cli.Run(["cpu-baseline", RepositoryRoot.File("data/examples/pool-east.xml")], expected, new StringWriter());
        Assert.StartsWith(expected.ToString(), stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n\S+: (Superset|Identical)\n$", stdout);
    }

    private static bool IsLibraryDependency(string path) =>
        Path.GetFileName(path) is var name && (name.StartsWith("CpuCompat.", StringComparison.Ordinal) || name.StartsWith("Antlr4", StringComparison.Ordinal))
        && !name.Contains("Tests", StringComparison.Ordinal) && !name.Contains("TestSupport", StringComparison.Ordinal);

    private static void Compile(string code, string output)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "CpuCompat.*.dll").Where(IsLibraryDependency))
            .Select(p => MetadataReference.CreateFromFile(p));
        var usings = "global using System;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Collections.Generic;\n";
        var compilation = CSharpCompilation.Create(
            "example",
            [CSharpSyntaxTree.ParseText(usings), CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var file = File.Create(output);
        var emitted = compilation.Emit(file);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
    }
}
