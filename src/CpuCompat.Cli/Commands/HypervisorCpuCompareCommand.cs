using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat hypervisor-cpu-compare FILE</c>: a CPU against what the hypervisor on the host provides (its host-model).</summary>
internal static class HypervisorCpuCompareCommand
{
    public static Command Create(CliContext context)
    {
        var options = new HypervisorOptions();
        var file = new Argument<string>("FILE") { Description = "The CPU to check: a <cpu>, a domain, or domain capabilities (their host-model)." };
        var error = new Option<bool>(CliConstants.Error) { Description = "Report incompatibility as an error on stderr, with the reason." };
        var command = new Command("hypervisor-cpu-compare", $"""
            Compare a CPU with the CPU the hypervisor on this host can provide (its host-model), as
            'virsh hypervisor-cpu-compare' does. Exit code: 0 identical or superset, 1 incompatible, 2 bad input.
            {HypervisorOptions.NoQemuNote}
            Example:
              cpucompat hypervisor-cpu-compare data/examples/guest.xml --cpuid data/examples/host-cpudata.xml
            """)
        {
            file, error,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!options.TryCreate(parse, context, out var compat, out var reader, out var view))
            {
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(file)!;
            var name = CliContext.DisplayName(path);
            if (!context.TryReadXml(path, out var text) || !context.TryGet(reader.ReadCpu(text, name), out var cpu))
            {
                return ExitCodes.BadInput;
            }

            if (view.HostModel is not { } hostModel)
            {
                return context.Fail("the hypervisor offers no host-model CPU on this host");
            }

            var compared = compat.Engine.Compare(hostModel, cpu, parse.GetValue(error)).In(name);
            if (!compared.TryGetValue(out var outcome))
            {
                return context.Fail(compared.Error!);
            }

            context.Write(parse.GetValue(options.Json) ? CpuJson.Compare(outcome) : CompareText.WithHypervisor(outcome, name));
            return outcome.Result == CompareResult.Incompatible ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }
}
