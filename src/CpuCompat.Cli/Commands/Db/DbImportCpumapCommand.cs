using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Cpu;
using CpuCompat.Loading;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db import-cpumap DIR --output OUTDIR</c>: write a libvirt cpu_map as CpuCompat DSL files.</summary>
internal static class DbImportCpumapCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "The libvirt cpu_map directory (with index.xml)." };
        var output = new Option<string>(CliConstants.Output)
        {
            Description = "The directory to write the DSL into. Files an earlier import wrote there are replaced; other files (rules, pools) are kept.",
            HelpName = "OUTDIR",
            Required = true,
        };
        var version = new Option<string?>(CliConstants.LibvirtVersion)
        {
            Description = "Read the map as this libvirt version's (default: recognised from the map).",
            HelpName = "VERSION",
        };
        var json = CliOptions.Json();
        var force = OutputFiles.Force();
        var command = new Command("import-cpumap", """
            Import a libvirt cpu_map directory: write its vendors, features and models as CpuCompat DSL, one file per
            model family, in the map's order. This is how data/ is made from libvirt's map.

            Example:
              cpucompat db import-cpumap /usr/share/libvirt/cpu_map --output my-data
            """)
        {
            directory, output, version, json, force,
        };
        command.SetAction(parse =>
        {
            LibvirtGeneration? generation = null;
            if (parse.GetValue(version) is { } v)
            {
                generation = LibvirtGenerations.FromVersion(v);
                if (generation is null)
                {
                    return context.Fail($"{CliConstants.LibvirtVersion}: '{v}' is not a libvirt version (for example 9.0.0 or 11.3.0)");
                }
            }

            if (!context.TryGet(CpuMapImport.Import(parse.GetValue(directory)!, generation), out var imported))
            {
                return ExitCodes.BadInput;
            }

            var outDir = parse.GetValue(output)!;
            if (!OutputFiles.TryWrite(context, outDir, imported.Files, parse.GetValue(force), CpuMapImport.IsGenerated))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json)
                ? DatabaseJson.Summary("import-cpumap", imported.Source, outDir, imported.Files.Length, imported.Database)
                : $"imported {imported.Source}: {DatabaseText.Summary(imported.Database)} -> {imported.Files.Length} files in {outDir}\n");
            return ExitCodes.Success;
        });
        return command;
    }
}
