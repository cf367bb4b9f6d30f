using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Cpu;
using CpuCompat.Formats.Convert;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat convert FILE --to FORMAT</c>: turn one CPU description into another.</summary>
internal static class ConvertCommand
{
    private static readonly string[] Targets = ["cpudata", "cpuid-tool", "host", "guest"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The input: a CPUID dump (cpuid -r, AIDA64, libcpuid), <cpudata>, /proc/cpuinfo, a QMP expansion, or a libvirt <cpu>/capabilities/domain." };
        var to = new Option<string>("--to")
        {
            Description = "What to write: cpudata (libvirt's raw-data XML), cpuid-tool (cpuid -r text), host (the host <cpu> libvirt reports), guest (the host-model guest <cpu>).",
            HelpName = "FORMAT",
            Required = true,
        };
        to.AcceptOnlyFromAmong(Targets);
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("convert", """
            Convert a CPU description into another form: a raw CPUID dump into libvirt's <cpudata> (which libvirt's own
            tools and tests read) or into `cpuid -r` text, or any raw input into the host or guest <cpu> libvirt
            decodes from it. Libvirt <cpu> definitions can only be written as <cpu> again (host/guest).

            Example:
              cpucompat convert data/examples/host-cpuid.txt --to cpudata
            """)
        {
            file, to, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(file)!;
            var name = CliContext.DisplayName(path);
            var target = parse.GetValue(to)!;
            if (!context.TryReadText(path, out var text) || !context.TryGet(compat.ReaderFor(format).Read(text, name), out var input))
            {
                return ExitCodes.BadInput;
            }

            if (RawDataWriter.TryParse(target, out var raw))
            {
                if (input.Data is not { } data)
                {
                    return context.Fail($"{name} holds CPU definitions, not raw CPUID data, so it cannot be written as {target}");
                }

                context.Write(RawDataWriter.Write(data, raw));
                return ExitCodes.Success;
            }

            CpuDefinition cpu;
            if (input.Data is { } rawData)
            {
                var decoded = compat.HostModel(rawData, guest: target == "guest", target == "guest" ? input.Models : null).In(name);
                if (!decoded.TryGetValue(out cpu!))
                {
                    return context.Fail(decoded.Error!);
                }
            }
            else
            {
                cpu = input.Cpus[0];
            }

            context.Write(parse.GetValue(json) ? compat.ToJson(cpu) : compat.ToXml(cpu));
            return ExitCodes.Success;
        });
        return command;
    }
}
