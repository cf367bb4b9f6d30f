using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Libvirt.Xml;

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
              cpucompat cpu-compare guest.xml --host examples/x86_64-cpudata.xml
            """)
        {
            file, host, error, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryStart(parse, context, inputFormat, out var engine, out var inputs))
            {
                return ExitCodes.BadInput;
            }

            var db = engine.Database;
            var path = parse.GetValue(file)!;
            CpuDefinition hostCpu;
            if (parse.GetValue(host) is { } hostPath)
            {
                if (!inputs.TryReadHostCpu(hostPath, out hostCpu))
                {
                    return ExitCodes.BadInput;
                }
            }
            else if (!HostData.TryReadLive(context, engine, out var live) || !inputs.TryDecodeHost(live, out hostCpu))
            {
                return ExitCodes.BadInput;
            }

            if (!inputs.TryReadCpu(path, CpuXmlType.Auto, out var cpu))
            {
                return ExitCodes.BadInput;
            }

            var failIncompatible = parse.GetValue(error);
            var compared = engine.Compare(hostCpu, cpu, failIncompatible);
            if (!compared.Succeeded)
            {
                return context.Fail(compared.Error);
            }

            var name = CliContext.DisplayName(path);
            var outcome = compared.Value;
            if (parse.GetValue(json))
            {
                context.Write(CpuJson.Compare(outcome));
                return outcome.Result == CompareResult.Incompatible ? ExitCodes.Incompatible : ExitCodes.Success;
            }

            switch (outcome.Result)
            {
                case CompareResult.Identical:
                    context.Write($"CPU described in {name} is identical to host CPU\n");
                    return ExitCodes.Success;
                case CompareResult.Superset:
                    context.Write($"Host CPU is a superset of CPU described in {name}\n");
                    return ExitCodes.Success;
                default:
                    context.Write($"CPU described in {name} is incompatible with host CPU\n{outcome.Message}\n");
                    return ExitCodes.Incompatible;
            }
        });
        return command;
    }
}
