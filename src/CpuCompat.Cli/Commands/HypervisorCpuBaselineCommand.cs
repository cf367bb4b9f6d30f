using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Host.Capabilities;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat hypervisor-cpu-baseline FILE</c>: <c>virsh hypervisor-cpu-baseline</c>, with the models and features the hypervisor offers.</summary>
internal static class HypervisorCpuBaselineCommand
{
    public static Command Create(CliContext context)
    {
        var options = new HypervisorOptions();
        var file = new Argument<string>("FILE") { Description = "CPUs to baseline: domain capabilities (their host-model), <cpu> elements, capabilities; - reads standard input." };
        var features = new Option<bool>(CliConstants.Features) { Description = "List every feature of the chosen model, sorted by name." };
        var migratable = new Option<bool>(CliConstants.Migratable) { Description = "Leave out features that block migration." };
        var command = new Command("hypervisor-cpu-baseline", $"""
            Compute the baseline of the given CPUs as 'virsh hypervisor-cpu-baseline' does: like cpu-baseline, but only
            with models the hypervisor on this host can run (blocked features become disabled) and only with features
            it can give a guest.
            {HypervisorOptions.NoQemuNote}
            Example:
              cpucompat hypervisor-cpu-baseline data/examples/pool-east.xml --features --cpuid data/examples/host-cpudata.xml
            """)
        {
            file, features, migratable,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!options.TryCreate(parse, context, out var compat, out var reader, out var view))
            {
                return ExitCodes.BadInput;
            }

            // libvirt reads these CPUs as host CPUs; a domain capabilities host-model then keeps its required features.
            var path = parse.GetValue(file)!;
            if (!context.TryReadXml(path, out var text) || !context.TryGet(reader.ReadNamedCpus(text, CliContext.DisplayName(path), CpuXmlType.Host), out var cpus))
            {
                return ExitCodes.BadInput;
            }

            var result = compat.Engine.HypervisorBaseline(cpus.Cpus, view.Data, DomainCpuBuilder.AllowedModels(view.Capabilities), parse.GetValue(migratable), parse.GetValue(features))
                .NamingInputs(cpus.Origins);
            if (!result.TryGetValue(out var baseline))
            {
                return context.Fail(result.Error!);
            }

            context.Write(parse.GetValue(options.Json) ? compat.ToJson(baseline) : compat.ToXml(baseline));
            return ExitCodes.Success;
        });
        return command;
    }
}
