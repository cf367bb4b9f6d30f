using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Cli.Commands;

/// <summary>
/// <c>cpucompat update-cpu GUEST --host HOST [--models FILE]</c>: the concrete CPU a guest gets when libvirt starts
/// it on the host, or exit 1 naming the features at fault when it cannot run there.
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
            Description = "The host CPU: a host <cpu> definition, a capabilities document, or raw CPUID data in any format.",
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
              cpucompat update-cpu data/examples/domain.xml --host data/examples/host-cpudata.xml --models data/examples/qemu-models.txt
            """)
        {
            guestFile, host, models, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var reader = compat.ReaderFor(format);
            var guestPath = parse.GetValue(guestFile)!;
            var hostPath = parse.GetValue(host)!;
            if (!context.TryReadXml(guestPath, out var text) || !context.TryGet(reader.ReadGuest(text, CliContext.DisplayName(guestPath)), out var guest)
                || !context.TryReadXml(hostPath, out var hostText) || !context.TryGet(reader.ReadCpu(hostText, CliContext.DisplayName(hostPath)), out var hostCpu))
            {
                return ExitCodes.BadInput;
            }

            AllowedModels? allowed = null;
            if (parse.GetValue(models) is { } modelsPath
                && (!context.TryReadText(modelsPath, out var modelsText) || !context.TryGet(reader.ReadModels(modelsText, CliContext.DisplayName(modelsPath)), out allowed)))
            {
                return ExitCodes.BadInput;
            }

            var updated = compat.Update(guest, hostCpu, allowed).In(CliContext.DisplayName(guestPath));
            if (!updated.TryGetValue(out var cpu))
            {
                return context.Fail(updated.Error!);
            }

            context.Write(parse.GetValue(json) ? compat.ToJson(cpu) : compat.ToXml(cpu));
            return ExitCodes.Success;
        });
        return command;
    }
}
