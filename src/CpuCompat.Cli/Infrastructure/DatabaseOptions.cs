using System.CommandLine;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Formats.Detection;
using CpuCompat.Loading;

namespace CpuCompat.Cli.Infrastructure;

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
    /// The start of every command that reads CPUs: the library over the chosen database, and the input format to
    /// read with. Reports problems and returns false.
    /// </summary>
    public bool TryOpen(ParseResult parse, CliContext context, Option<string> inputFormat, out CpuCompatibility compat, out InputFormat format)
    {
        compat = null!;
        format = InputFormat.Auto;
        if (!TryLoad(parse, context, out var db) || !CliOptions.TryGetInputFormat(parse, inputFormat, context, out format))
        {
            return false;
        }

        compat = CpuCompatibility.Over(db);
        return true;
    }

    /// <summary>Loads the database the options name; reports problems and returns false.</summary>
    public bool TryLoad(ParseResult parse, CliContext context, out CpuDatabase database)
    {
        database = null!;
        return TryGetSource(parse, context, out var source) && context.TryGet(DatabaseLoader.Load(source), out database);
    }

    /// <summary>The database the options name, without loading it.</summary>
    public bool TryGetSource(ParseResult parse, CliContext context, out DatabaseSource source)
    {
        source = DatabaseSource.BuiltIn;
        var cpuMap = parse.GetValue(CpuMap);
        var path = parse.GetValue(Database);
        if (cpuMap is not null && path is not null)
        {
            context.Fail($"{CliConstants.CpuMap} and {CliConstants.Database} cannot be used together");
            return false;
        }

        if (cpuMap is not null)
        {
            source = DatabaseSource.CpuMap(cpuMap, CpuMapCache.ForCurrentUser());
        }
        else if (path is not null)
        {
            source = DatabaseSource.FromPath(path);
        }

        if (parse.GetValue(LibvirtVersion) is { } version)
        {
            if (LibvirtGenerations.FromVersion(version) is not { } generation)
            {
                context.Fail($"{CliConstants.LibvirtVersion}: '{version}' is not a supported libvirt version; supported: 9.0.0 (answers for every version before 10.0) and 11.3.0 (10.x and 11.x, up to {LibvirtGenerations.NewestMajor}.x)");
                return false;
            }

            source = source.As(generation);
        }

        return true;
    }
}
