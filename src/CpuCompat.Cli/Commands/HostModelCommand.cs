using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat host-model --cpuid FILE [--guest] [--models FILE]</c>: the host CPU (or host-model guest CPU) libvirt decodes from CPUID data.</summary>
internal static class HostModelCommand
{
    public static Command Create(CliContext context)
    {
        var cpuid = new Option<string>(CliConstants.Cpuid)
        {
            Description = "Raw CPUID data of the host in any format: libvirt <cpudata>, `cpuid -r` output, AIDA64 or libcpuid dumps, /proc/cpuinfo, a QMP query-cpu-model-expansion reply.",
            HelpName = "FILE",
            Required = true,
        };
        var guest = new Option<bool>(CliConstants.Guest)
        {
            Description = "Print the guest CPU a host-model guest gets (libvirt's guest decode) instead of the host CPU.",
        };
        var models = new Option<string?>(CliConstants.Models)
        {
            Description = "With --guest: only these models may be chosen, as QEMU reports them: a QMP query-cpu-definitions reply (blockers become disabled features) or model names, one a line.",
            HelpName = "FILE",
        };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("host-model", """
            Decode raw CPUID data into the CPU model libvirt would report: the host CPU of 'virsh capabilities',
            or with --guest the guest CPU a host-model guest is given.

            Example:
              cpucompat host-model --cpuid examples/x86_64-cpudata.xml --guest
            """)
        {
            cpuid, guest, models, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryStart(parse, context, inputFormat, out var engine, out var inputs))
            {
                return ExitCodes.BadInput;
            }

            var db = engine.Database;
            var asGuest = parse.GetValue(guest);
            var modelsPath = parse.GetValue(models);
            if (modelsPath is not null && !asGuest)
            {
                return context.Fail($"{CliConstants.Models} restricts the guest decode; use it with {CliConstants.Guest}");
            }

            if (engine.X86 is not { } x86)
            {
                return context.Fail("the database has no x86 models");
            }

            if (!inputs.TryReadCpuData(parse.GetValue(cpuid)!, out var data, out var fileModels))
            {
                return ExitCodes.BadInput;
            }

            // A QMP file that also holds QEMU's model list restricts the guest decode, as libvirt's QEMU driver does.
            var allowed = asGuest ? fileModels : null;
            if (modelsPath is not null && !inputs.TryReadModels(modelsPath, out allowed))
            {
                return ExitCodes.BadInput;
            }

            var stub = asGuest
                ? CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid }
                : CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom };
            var decoded = x86.Decode(new X86DecodeRequest(stub, X86Input.FromData(x86.Database, data)) { Allowed = allowed });
            if (!decoded.Succeeded)
            {
                return context.Fail(decoded.Error);
            }

            context.Write(parse.GetValue(json) ? CpuJson.Cpu(decoded.Value) : CpuXmlWriter.Format(decoded.Value, db.Generation));
            return ExitCodes.Success;
        });
        return command;
    }
}
