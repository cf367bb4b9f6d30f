using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Inputs;
using CpuCompat.Output.Json;

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
              cpucompat cpu-baseline data/examples/pool-east.xml --features
            """)
        {
            files, features, migratable, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var paths = parse.GetValue(files)!;
            var total = paths.Where(File.Exists).Sum(p => new FileInfo(p).Length);
            InputResult<DistinctCpus> read;
            using (var progress = new ByteProgress(context.Err, context.ErrorIsTerminal, "reading CPUs", total))
            {
                read = compat.ReadDistinctCpus(paths, context.InStream, format, progress);
            }

            if (!context.TryGet(read, out var distinct))
            {
                return ExitCodes.BadInput;
            }

            if (!context.TryGet(compat.Baseline(distinct, parse.GetValue(features), parse.GetValue(migratable)), out var baseline))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json) ? compat.ToJson(baseline) : compat.ToXml(baseline));
            return ExitCodes.Success;
        });
        return command;
    }
}
