using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Virtualization;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat virt-check</c>: is this host ready for KVM guests?</summary>
internal static class VirtCheckCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliOptions.Json();
        var root = CliOptions.Root();
        var command = new Command("virt-check", """
            Is this host ready for KVM guests? Checks VMX/SVM, the KVM modules, /dev/kvm, nested virtualization,
            APICv/AVIC, EPT/NPT and shadow VMCS, each with its state and, where it is off, how to turn it on.
            Exit code: 0 ready, 1 not ready.

            Example:
              cpucompat virt-check --json
            """)
        {
            json, root,
        };
        command.SetAction(parse =>
        {
            var report = VirtReportBuilder.Build(HostEnvironment.ForRoot(parse.GetValue(root) ?? "/"));
            var asJson = parse.GetValue(json);
            context.Write(asJson ? VirtCheckJson.Format(report) : VirtCheckText.Format(report));
            if (!asJson)
            {
                context.PrintNotes(report.Notes);
            }

            return report.Ready ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }
}
