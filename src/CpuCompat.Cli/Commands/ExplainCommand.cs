using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.Queries;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat explain --cpuid FILE [--guest] [--models FILE]</c>: why host-model decoding chose its model.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var cpuid = new Option<string>(CliConstants.Cpuid) { Description = "Raw CPUID data (any format host-model accepts).", HelpName = "FILE", Required = true };
        var guest = new Option<bool>(CliConstants.Guest) { Description = "Explain the guest decode (what a host-model guest gets) instead of the host decode." };
        var models = new Option<string?>(CliConstants.Models) { Description = "With --guest: the models the hypervisor can run (QMP reply or names).", HelpName = "FILE" };
        var all = new Option<bool>("--all") { Description = "Also list the models that were not considered, and why." };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("explain", """
            Explain how libvirt's decoding chose a CPU model for CPUID data: the rules applied to the data, every
            model considered (newest first, as libvirt walks them) with its extra and missing features, its score
            and the rule that decided.

            Example:
              cpucompat explain --cpuid data/examples/host-cpudata.xml --guest
            """)
        {
            cpuid, guest, models, all, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var asGuest = parse.GetValue(guest);
            var reader = compat.ReaderFor(format);
            AllowedModels? allowed = null;
            if (parse.GetValue(models) is { } modelsPath)
            {
                if (!asGuest)
                {
                    return context.Fail($"{CliConstants.Models} needs {CliConstants.Guest}");
                }

                if (!context.TryReadText(modelsPath, out var modelsText) || !context.TryGet(reader.ReadModels(modelsText, CliContext.DisplayName(modelsPath)), out allowed))
                {
                    return ExitCodes.BadInput;
                }
            }

            var path = parse.GetValue(cpuid)!;
            if (!context.TryReadText(path, out var text) || !context.TryGet(reader.ReadCpuData(text, CliContext.DisplayName(path)), out var raw))
            {
                return ExitCodes.BadInput;
            }

            var explanation = DecodeExplanation.Of(compat.Engine, raw.Data, asGuest, allowed ?? (asGuest ? raw.Models : null));
            context.Write(parse.GetValue(json)
                ? ExplainJson.Format(explanation)
                : ExplainText.Format(explanation, CliContext.DisplayName(path), parse.GetValue(all)));
            return explanation.Result.Succeeded ? ExitCodes.Success : context.Fail(explanation.Result.Error!);
        });
        return command;
    }
}
