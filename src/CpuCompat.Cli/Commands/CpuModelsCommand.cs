using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat cpu-models [--cpuid FILE] [--usable]</c>: the database's models, usable on the host or not, and what blocks them.</summary>
internal static class CpuModelsCommand
{
    public static Command Create(CliContext context)
    {
        var options = new HypervisorOptions();
        var usableOnly = new Option<bool>("--usable") { Description = "List only the models the host can run." };
        var command = new Command("cpu-models", $"""
            List the CPU models of the database with their vendor and whether this host (or the host --cpuid gives)
            can run them; for the others, the features that block them (what 'virsh domcapabilities' shows).
            {HypervisorOptions.NoQemuNote}
            Example:
              cpucompat cpu-models --cpuid data/examples/host-cpudata.xml --usable
            """)
        {
            usableOnly,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!options.TryCreate(parse, context, out _, out _, out var view))
            {
                return ExitCodes.BadInput;
            }

            var models = view.Capabilities.Models.Where(m => m.Usable || !parse.GetValue(usableOnly)).ToList();
            context.Write(parse.GetValue(options.Json) ? DomainCpuJson.Models(models) : CpuModelsText.Format(view.Capabilities, models));
            return ExitCodes.Success;
        });
        return command;
    }
}
