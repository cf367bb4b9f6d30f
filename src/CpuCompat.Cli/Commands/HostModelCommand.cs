using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;

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
              cpucompat host-model --cpuid data/examples/host-cpudata.xml --guest
            """)
        {
            cpuid, guest, models, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var asGuest = parse.GetValue(guest);
            var modelsPath = parse.GetValue(models);
            if (modelsPath is not null && !asGuest)
            {
                return context.Fail($"{CliConstants.Models} restricts the guest decode; use it with {CliConstants.Guest}");
            }

            var reader = compat.ReaderFor(format);
            var path = parse.GetValue(cpuid)!;
            if (!context.TryReadText(path, out var text) || !context.TryGet(reader.ReadCpuData(text, CliContext.DisplayName(path)), out var raw))
            {
                return ExitCodes.BadInput;
            }

            // A QMP file that also holds QEMU's model list restricts the guest decode, as libvirt's QEMU driver does.
            AllowedModels? allowed = asGuest ? raw.Models : null;
            if (modelsPath is not null && (!context.TryReadText(modelsPath, out var modelsText) || !context.TryGet(reader.ReadModels(modelsText, CliContext.DisplayName(modelsPath)), out allowed)))
            {
                return ExitCodes.BadInput;
            }

            var decoded = compat.HostModel(raw.Data, asGuest, allowed).In(CliContext.DisplayName(path));
            if (!decoded.TryGetValue(out var cpu))
            {
                return context.Fail(decoded.Error!);
            }

            context.Write(parse.GetValue(json) ? compat.ToJson(cpu) : compat.ToXml(cpu));
            return ExitCodes.Success;
        });
        return command;
    }
}
