using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Machine;
using CpuCompat.Output.Json;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat capabilities [--driver qemu|lxc|xen] [--root DIR]</c>: <c>virsh capabilities</c> without a libvirtd.</summary>
internal static class CapabilitiesCommand
{
    public static Command Create(CliContext context)
    {
        var driver = new Option<string>(CliConstants.Driver)
        {
            Description = "The hypervisor driver whose guests to describe: qemu, lxc or xen.",
            HelpName = "DRIVER",
            DefaultValueFactory = _ => "qemu",
        };
        var json = CliOptions.Json();
        var root = CliOptions.Root();
        var database = new DatabaseOptions();
        var command = new Command("capabilities", """
            Print this machine's capabilities as 'virsh capabilities' does, without a libvirtd: the host CPU (libvirt's
            host decode of the live CPUID and MSRs), microcode, topology, page sizes, power management, migration
            features, NUMA cells and secmodels, and the guests a hypervisor driver offers. Machine types come from QEMU
            and are left out. Sources that cannot be read are named on stderr.

            Example:
              cpucompat capabilities --cpu-map /usr/share/libvirt/cpu_map
            """)
        {
            driver, json, root,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (HypervisorDrivers.Parse(parse.GetValue(driver)!) is not { } hypervisor)
            {
                return context.Fail($"{CliConstants.Driver}: unknown driver '{parse.GetValue(driver)}' (qemu, lxc or xen)");
            }

            if (!database.TryLoad(parse, context, out var db))
            {
                return ExitCodes.BadInput;
            }

            var document = CapabilitiesBuilder.Build(HostEnvironment.ForRoot(parse.GetValue(root) ?? "/"), hypervisor, new CpuEngine(db));
            var asJson = parse.GetValue(json);
            context.Write(asJson ? CapabilitiesJson.Format(document) : CapabilitiesXmlWriter.Format(document));
            if (!asJson)
            {
                context.PrintNotes(document.Notes);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
