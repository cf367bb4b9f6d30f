using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Commands;

/// <summary>
/// <c>cpucompat update-cpu GUEST --host HOST [--models FILE]</c>: the concrete CPU a guest gets when libvirt starts
/// it on the host (semantics §14), or exit 1 naming the features at fault when it cannot run there.
/// </summary>
internal static class UpdateCpuCommand
{
    public static Command Create(CliContext context)
    {
        var guestFile = new Argument<string>("GUEST")
        {
            Description = "The guest: a <cpu> element or a whole <domain>.",
        };
        var host = new Option<string>(CliConstants.Host)
        {
            Description = "The host CPU: a host <cpu> definition, a capabilities document, or raw <cpudata>.",
            HelpName = "FILE",
            Required = true,
        };
        var models = new Option<string?>(CliConstants.Models)
        {
            Description = "The models the hypervisor can run: a QMP query-cpu-definitions reply or model names, one a line. A custom model outside the list is translated to one inside it.",
            HelpName = "FILE",
        };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("update-cpu", """
            Resolve a guest's <cpu> against a host the way libvirt does when it starts the guest (or dumps it with
            'virsh dumpxml --update-cpu'): forbidden features, the compatibility check, host-model and minimum-match
            resolution, optional features, and translation to a model the hypervisor supports. Prints the concrete
            <cpu>. Exit code: 0 success, 1 the guest cannot run on this host (features at fault named), 2 bad input.

            Example:
              cpucompat update-cpu domain.xml --host examples/x86_64-cpudata.xml
            """)
        {
            guestFile, host, models, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryStart(parse, context, inputFormat, out var engine, out var inputs))
            {
                return ExitCodes.BadInput;
            }

            var db = engine.Database;
            var guestPath = parse.GetValue(guestFile)!;
            if (!context.TryReadText(guestPath, out var text))
            {
                return ExitCodes.BadInput;
            }

            var read = CpuXmlReader.ReadGuest(text, CliContext.DisplayName(guestPath), db.Generation);
            if (read.Cpu is not { } guest)
            {
                return read.Error is { } e ? context.Fail(e) : context.Fail($"{CliContext.DisplayName(guestPath)} does not contain any <cpu> element or valid domain XML");
            }

            if (!inputs.TryReadHostCpu(parse.GetValue(host)!, out var hostCpu))
            {
                return ExitCodes.BadInput;
            }

            AllowedModels? allowed = null;
            if (parse.GetValue(models) is { } modelsPath && !inputs.TryReadModels(modelsPath, out allowed))
            {
                return ExitCodes.BadInput;
            }

            var updated = GuestStart.Resolve(engine, guest, hostCpu, allowed);
            if (!updated.Succeeded)
            {
                return context.Fail(updated.Error);
            }

            context.Write(parse.GetValue(json) ? CpuJson.Cpu(updated.Value) : CpuXmlWriter.Format(updated.Value, db.Generation));
            return ExitCodes.Success;
        });
        return command;
    }
}
