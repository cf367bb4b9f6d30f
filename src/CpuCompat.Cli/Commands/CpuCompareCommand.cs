using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat cpu-compare FILE --host FILE [--error]</c>: can a guest with this CPU run on the host? (virsh cpu-compare)</summary>
internal static class CpuCompareCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The CPU to check: a <cpu> element (guest or host definition), a domain, or capabilities.",
        };
        var host = new Option<string>(CliConstants.Host)
        {
            Description = "The host CPU: a host <cpu> definition, a capabilities document, or raw CPUID data in any format (decoded as libvirt reports the host). Without it, this machine.",
            HelpName = "FILE",
        };
        var error = new Option<bool>(CliConstants.Error)
        {
            Description = "Report incompatibility as an error on stderr, with the reason (virsh cpu-compare --error).",
        };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("cpu-compare", """
            Compare a CPU with the host CPU, as 'virsh cpu-compare' does. Prints whether the CPU is identical to the
            host CPU, a subset of it, or incompatible (with the features at fault). Without --host, the host is this
            machine (its live CPUID, decoded as libvirt reports it).
            Exit code: 0 identical or superset, 1 incompatible, 2 bad input or other error.

            Example:
              cpucompat cpu-compare data/examples/guest.xml --host data/examples/host-cpudata.xml
            """)
        {
            file, host, error, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var reader = compat.ReaderFor(format);
            CpuDefinition hostCpu;
            if (parse.GetValue(host) is { } hostPath)
            {
                if (!context.TryReadXml(hostPath, out var hostText) || !context.TryGet(reader.ReadCpu(hostText, CliContext.DisplayName(hostPath)), out hostCpu))
                {
                    return ExitCodes.BadInput;
                }
            }
            else if (!HostDataOption.TryReadLive(context, compat.Database, out var live) || !context.TryGet(compat.HostModel(live), out hostCpu))
            {
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(file)!;
            var name = CliContext.DisplayName(path);
            if (!context.TryReadXml(path, out var text) || !context.TryGet(reader.ReadCpu(text, name), out var cpu))
            {
                return ExitCodes.BadInput;
            }

            var compared = compat.Engine.Compare(hostCpu, cpu, parse.GetValue(error)).In(name);
            if (!compared.TryGetValue(out var outcome))
            {
                return context.Fail(compared.Error!);
            }

            context.Write(parse.GetValue(json) ? CpuJson.Compare(outcome) : CompareText.WithHost(outcome, name));
            return outcome.Result == CompareResult.Incompatible ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }
}
