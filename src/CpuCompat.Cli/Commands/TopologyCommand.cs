using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Cpu;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Topology;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat topology [--guest FILE]</c>: the host's CPU topology, and whether a guest's fits.</summary>
internal static class TopologyCommand
{
    public static Command Create(CliContext context)
    {
        var guest = new Option<string?>(CliConstants.Guest)
        {
            Description = "Check this guest's <vcpu> and <topology> (a <domain> or a <cpu>) against the host.",
            HelpName = "FILE",
        };
        var json = CliOptions.Json();
        var root = CliOptions.Root();
        var command = new Command("topology", """
            Show the host's CPU topology (sockets x dies x cores x threads = logical CPUs), the most vCPUs a guest can
            get without overcommitting, and with --guest whether a guest's requested topology fits.
            Exit code: 0, or 1 when the guest does not fit.

            Example:
              cpucompat topology --guest data/examples/domain.xml
            """)
        {
            guest, json, root,
        };
        command.SetAction(parse =>
        {
            GuestTopologyRequest? request = null;
            if (parse.GetValue(guest) is { } path)
            {
                if (!context.TryReadText(path, out var text))
                {
                    return ExitCodes.BadInput;
                }

                var read = GuestTopologyReader.Read(text, CliContext.DisplayName(path), LibvirtGeneration.Libvirt11);
                if (!read.Succeeded)
                {
                    return context.Fail(read.Error);
                }

                request = read.Request;
            }

            var report = TopologyReportBuilder.Build(HostEnvironment.ForRoot(parse.GetValue(root) ?? "/"), request);
            var asJson = parse.GetValue(json);
            context.Write(asJson ? TopologyJson.Format(report) : TopologyText.Format(report));
            if (!asJson)
            {
                context.PrintNotes(report.Notes);
            }

            return report.Guest is { Fits: false } ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }
}
