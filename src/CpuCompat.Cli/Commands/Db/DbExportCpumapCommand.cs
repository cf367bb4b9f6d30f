using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Loading;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db export-cpumap --output DIR</c>: write a database as a libvirt cpu_map.</summary>
internal static class DbExportCpumapCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>(CliConstants.Output) { Description = "The directory to write index.xml and the map files into.", HelpName = "DIR", Required = true };
        var json = CliOptions.Json();
        var force = OutputFiles.Force();
        var database = new DatabaseOptions();
        var command = new Command("export-cpumap", """
            Write the database (built-in, or chosen with --database) as a libvirt cpu_map directory, so that libvirt can
            use the same models. Rules, dependencies and pools have no cpu_map form and are left out.

            Example:
              cpucompat db export-cpumap --database data/ --output cpu_map
            """)
        {
            output, json, force,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryLoad(parse, context, out var db))
            {
                return ExitCodes.BadInput;
            }

            var rendered = CpuMapExport.Render(db);
            var dir = parse.GetValue(output)!;
            if (!OutputFiles.TryWrite(context, dir, rendered.Files, parse.GetValue(force), CpuMapExport.IsMapFile))
            {
                return ExitCodes.BadInput;
            }

            foreach (var warning in rendered.Warnings)
            {
                context.Err.WriteLine(warning);
            }

            context.Write(parse.GetValue(json)
                ? DatabaseJson.Summary("export-cpumap", db.Source, dir, rendered.Files.Length, db)
                : $"exported {DatabaseText.Summary(db)} -> {rendered.Files.Length} files in {dir}\n");
            return ExitCodes.Success;
        });
        return command;
    }
}
