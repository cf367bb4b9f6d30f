using System.CommandLine;
using CpuCompat.Core.Binding;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Serialization;
using CpuCompat.Data;
using CpuCompat.Language.Compilation;
using CpuCompat.Libvirt.CpuMap;

namespace CpuCompat.Cli.Inputs;

/// <summary>
/// The options that choose the database a command answers with: the built-in one (libvirt 11.3.0's map and
/// CpuCompat's rules), a libvirt cpu_map directory (answering as that libvirt), or a DSL/compiled database;
/// and an override of the libvirt version whose behaviour is reproduced.
/// </summary>
internal sealed class DatabaseOptions
{
    public Option<string?> CpuMap { get; } = new(CliConstants.CpuMap)
    {
        Description = "A libvirt cpu_map directory (e.g. /usr/share/libvirt/cpu_map) to answer as the libvirt it belongs to; its version is recognised from the map.",
        HelpName = "DIR",
    };

    public Option<string?> Database { get; } = new(CliConstants.Database)
    {
        Description = "A CpuCompat database instead of the built-in one: a compiled .ccdb file, or DSL files or directories.",
        HelpName = "PATH",
    };

    public Option<string?> LibvirtVersion { get; } = new(CliConstants.LibvirtVersion)
    {
        Description = "Answer as this libvirt version where behaviour differs beyond the map (9.0.0 or 11.3.0 semantics; e.g. topology clusters).",
        HelpName = "VERSION",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(CpuMap);
        command.Options.Add(Database);
        command.Options.Add(LibvirtVersion);
    }

    /// <summary>
    /// The start of every command that reads CPUs: the database, an engine over it, and an input reader for the
    /// format <paramref name="inputFormat"/> names. Reports problems and returns false.
    /// </summary>
    public bool TryStart(ParseResult parse, CliContext context, Option<string> inputFormat, out CpuEngine engine, out CpuInputs inputs)
    {
        engine = null!;
        inputs = null!;
        if (!TryLoad(parse, context, out var db) || !CliOptions.TryGetInputFormat(parse, inputFormat, context, out var format))
        {
            return false;
        }

        engine = new CpuEngine(db);
        inputs = new CpuInputs(context, engine, format);
        return true;
    }

    /// <summary>Loads the database the options name; reports problems and returns false.</summary>
    public bool TryLoad(ParseResult parse, CliContext context, out CpuDatabase database)
    {
        database = null!;
        var cpuMap = parse.GetValue(CpuMap);
        var path = parse.GetValue(Database);
        var version = parse.GetValue(LibvirtVersion);
        LibvirtGeneration? generation = null;
        if (version is not null)
        {
            generation = LibvirtGenerations.FromVersion(version);
            if (generation is null)
            {
                context.Fail($"{CliConstants.LibvirtVersion}: '{version}' is not a libvirt version (for example 9.0.0 or 11.3.0)");
                return false;
            }
        }

        if (cpuMap is not null && path is not null)
        {
            context.Fail($"{CliConstants.CpuMap} and {CliConstants.Database} cannot be used together");
            return false;
        }

        CpuDatabase? loaded;
        if (cpuMap is not null)
        {
            loaded = LoadCpuMap(cpuMap, context);
        }
        else if (path is not null)
        {
            loaded = LoadDatabase(path, context);
        }
        else
        {
            loaded = DefaultDatabase.Value;
        }

        if (loaded is null)
        {
            return false;
        }

        database = generation is { } g ? loaded.WithGeneration(g) : loaded;
        return true;
    }

    private static CpuDatabase? LoadCpuMap(string directory, CliContext context)
    {
        if (!Directory.Exists(directory))
        {
            context.Fail($"{CliConstants.CpuMap}: {directory} is not a directory");
            return null;
        }

        var result = CpuMapLoader.Load(directory);
        if (result.Database is null)
        {
            context.Fail(result.Diagnostics.First(d => d.IsError));
            return null;
        }

        // libvirt keeps its vendor quirks in C; CpuCompat keeps them as rules, which a cpu_map does not carry.
        return RuleRebinder.AddRules(result.Database, DefaultDatabase.Value).Database;
    }

    private static CpuDatabase? LoadDatabase(string path, CliContext context)
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
                context.Fail($"cannot read {path}: {CliContext.Describe(e)}");
                return null;
            }

            var read = DatabaseReader.Read(bytes);
            if (!read.Succeeded)
            {
                context.Fail($"{path}: {read.Error.Message}");
                return null;
            }

            return read.Value;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            context.Fail($"{CliConstants.Database}: {path} does not exist");
            return null;
        }

        var compiled = DslCompiler.Compile([path]);
        if (compiled.Database is null)
        {
            context.Fail(compiled.Diagnostics.First(d => d.IsError));
            return null;
        }

        return compiled.Database;
    }
}
