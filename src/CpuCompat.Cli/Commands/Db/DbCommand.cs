using System.CommandLine;
using CpuCompat.Cli.Infrastructure;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db ...</c>: work with model databases (the DSL, compiled databases, libvirt cpu_maps).</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context) => new("db", "Work with CPU model databases: import a libvirt cpu_map, check DSL files, show a model, compile, export.")
    {
        DbImportCpumapCommand.Create(context),
        DbCheckCommand.Create(context),
        DbShowCommand.Create(context),
        DbCompileCommand.Create(context),
        DbExportCpumapCommand.Create(context),
    };
}
