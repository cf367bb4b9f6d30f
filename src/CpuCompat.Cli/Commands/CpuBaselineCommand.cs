using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Cli.Output;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat cpu-baseline FILE... [--features] [--migratable]</c>: the most capable CPU every input can run (libvirt's baseline).</summary>
internal static class CpuBaselineCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Files holding one or more <cpu> elements (host or guest definitions), domains, capabilities or domain capabilities, or raw CPUID data of a host (any dump format); - reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var features = new Option<bool>(CliConstants.Features)
        {
            Description = "List every feature of the chosen model, sorted by name (virsh cpu-baseline --features).",
        };
        var migratable = new Option<bool>(CliConstants.Migratable)
        {
            Description = "Leave out features that block migration (invtsc, xsaves).",
        };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("cpu-baseline", """
            Compute the baseline guest CPU of the given CPUs, exactly as 'virsh cpu-baseline' does: a guest with this
            CPU can run on, and migrate between, all of them.

            Example:
              cpucompat cpu-baseline examples/hosts.xml --features
            """)
        {
            files, features, migratable, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryStart(parse, context, inputFormat, out var engine, out var inputs))
            {
                return ExitCodes.BadInput;
            }

            var db = engine.Database;
            var cpus = new List<CpuDefinition>();
            var paths = parse.GetValue(files)!;
            using (var progress = new Progress(context.Err, context.ErrorIsTerminal, "reading CPUs", paths.Length))
            {
                for (var i = 0; i < paths.Length; i++)
                {
                    if (!inputs.TryReadCpus(paths[i], CpuXmlType.Auto, out var found))
                    {
                        return ExitCodes.BadInput;
                    }

                    cpus.AddRange(found);
                    progress.Report(i + 1);
                }
            }

            var result = engine.Baseline(cpus, migratable: parse.GetValue(migratable), expandFeatures: parse.GetValue(features));
            if (!result.Succeeded)
            {
                return context.Fail(result.Error);
            }

            context.Write(parse.GetValue(json) ? CpuJson.Cpu(result.Value) : CpuXmlWriter.Format(result.Value, db.Generation));
            return ExitCodes.Success;
        });
        return command;
    }
}
