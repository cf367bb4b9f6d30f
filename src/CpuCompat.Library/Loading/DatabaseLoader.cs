using CpuCompat.Core;
using CpuCompat.Core.Binding;
using CpuCompat.Core.Database;
using CpuCompat.Core.Serialization;
using CpuCompat.Data;
using CpuCompat.Language.Compilation;
using CpuCompat.Libvirt.CpuMap;

namespace CpuCompat.Loading;

/// <summary>
/// The one way a database is opened, for the command line, the conformance tests and the benchmarks alike: the
/// built-in database, a libvirt cpu_map directory plus CpuCompat's quirk rules, a compiled <c>.ccdb</c> file or DSL
/// files; then, if asked, answering as another libvirt generation. Problems are one-line errors naming the path.
/// </summary>
public static class DatabaseLoader
{
    public static Outcome<CpuDatabase> Load(DatabaseSource source)
    {
        var loaded = source.Kind switch
        {
            DatabaseSourceKind.CpuMap when source.Cache is { } cache && Directory.Exists(source.Location) => cache.GetOrLoad(source.Location!, () => LoadCpuMap(source.Location!)),
            DatabaseSourceKind.CpuMap => LoadCpuMap(source.Location!),
            DatabaseSourceKind.Path => LoadPath(source.Location!),
            _ => DefaultDatabase.Value,
        };
        return source.Generation is { } generation ? loaded.Select(db => db.WithGeneration(generation)) : loaded;
    }

    /// <summary>
    /// A libvirt cpu_map with the built-in database's quirk rules added: libvirt keeps its vendor quirks (the
    /// broken-TSX filter) in C, CpuCompat keeps them as rules, which a cpu_map does not carry.
    /// </summary>
    public static Outcome<CpuDatabase> LoadCpuMap(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return Errors.Invalid(File.Exists(directory) ? $"{directory} is a file, not a cpu_map directory" : $"{directory}: no such directory");
        }

        var result = CpuMapLoader.Load(directory);
        if (result.Database is null)
        {
            return Errors.From(result.Diagnostics.First(d => d.IsError));
        }

        return FactRebinder.AddFacts(result.Database, DefaultDatabase.Value).Database;
    }

    /// <summary>A compiled <c>.ccdb</c> file, or DSL: a <c>.ccl</c> file or a directory of them.</summary>
    public static Outcome<CpuDatabase> LoadPath(string path)
    {
        if (File.Exists(path) && !path.EndsWith(DslCompiler.FileExtension, StringComparison.Ordinal))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Errors.Invalid($"cannot read {path}: {e.Message}");
            }

            var read = DatabaseReader.Read(bytes);
            return read.Succeeded ? read : Errors.Invalid($"{path}: {read.Error.Message}");
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return Errors.Invalid($"{path}: no such file or directory");
        }

        var compiled = DslCompiler.Compile([path]);
        return compiled.Database is { } database ? database : Errors.From(compiled.Diagnostics.First(d => d.IsError));
    }
}
