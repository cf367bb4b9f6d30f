using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Formats.Convert;
using CpuCompat.Libvirt.Xml;

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
              cpucompat convert aida64-dump.txt --to cpudata > host-cpudata.xml
            """)
        {
            file, to, json, inputFormat,
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
            var target = parse.GetValue(to)!;
            if (!inputs.TryRead(path, CpuXmlType.Auto, out var input))
            {
                return ExitCodes.BadInput;
            }

            if (RawDataWriter.TryParse(target, out var raw))
            {
                if (input.Data is not { } data)
                {
                    return context.Fail($"{CliContext.DisplayName(path)} holds CPU definitions, not raw CPUID data, so it cannot be written as {target}");
                }

                context.Write(RawDataWriter.Write(data, raw));
                return ExitCodes.Success;
            }

            CpuDefinition cpu;
            if (input.Data is { } rawData)
            {
                var x86 = engine.X86!;
                var stub = target == "guest"
                    ? CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid }
                    : CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom };
                var decoded = x86.Decode(new Core.Engine.X86.X86DecodeRequest(stub, Core.Engine.X86.X86Input.FromData(x86.Database, rawData))
                {
                    Allowed = target == "guest" ? input.Models : null,
                });
                if (!decoded.Succeeded)
                {
                    return context.Fail(decoded.Error);
                }

                cpu = decoded.Value;
            }
            else
            {
                cpu = input.Cpus[0];
            }

            context.Write(parse.GetValue(json) ? CpuJson.Cpu(cpu) : CpuXmlWriter.Format(cpu, db.Generation));
            return ExitCodes.Success;
        });
        return command;
    }
}
