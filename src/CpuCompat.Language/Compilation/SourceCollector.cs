using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Compilation;

/// <summary>
/// Expands the paths given to the compiler into DSL sources: a file as itself, a directory as every
/// <c>*.ccl</c> file below it in ordinal order of the relative path (with '/' separators, so the order, and with
/// it the map order of features and models, is the same on every platform). A folder named <c>examples</c> inside a
/// directory holds example inputs (policies to try, not part of the database): it is compiled only when named.
/// </summary>
internal static class SourceCollector
{
    public const string ExamplesFolder = "examples";

    public static List<DslSource> Collect(IEnumerable<string> paths, DiagnosticBag diagnostics)
    {
        var sources = new List<DslSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var emptyDirectories = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*" + DslCompiler.FileExtension, SearchOption.AllDirectories)
                    .Select(f => (Full: f, Relative: Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/')))
                    .Where(f => !f.Relative.Split('/').SkipLast(1).Contains(ExamplesFolder, StringComparer.Ordinal))
                    .OrderBy(f => f.Relative, StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    emptyDirectories.Add(path);
                }

                foreach (var file in files)
                {
                    Read(Path.Combine(path, file.Relative), sources, seen, diagnostics);
                }
            }
            else
            {
                Read(path, sources, seen, diagnostics);
            }
        }

        // A directory without sources beside other sources is worth a warning; when nothing at all was found to
        // compile, an empty database must not pass for a checked one.
        foreach (var empty in emptyDirectories)
        {
            diagnostics.Add(SyntaxDiagnostics.NoSources(SourceSpan.None(empty), isError: sources.Count == 0 && !diagnostics.HasErrors));
        }

        return sources;
    }

    private static void Read(string path, List<DslSource> sources, HashSet<string> seen, DiagnosticBag diagnostics)
    {
        // A file named twice (itself and through its directory) is compiled once, not reported as duplicates.
        if (!seen.Add(Path.GetFullPath(path)))
        {
            return;
        }

        try
        {
            if (DslFileReader.Read(path, diagnostics) is { } text)
            {
                sources.Add(new DslSource(path, text));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message;
            diagnostics.Add(SyntaxDiagnostics.NotFound(SourceSpan.None(path), reason));
        }
    }
}
