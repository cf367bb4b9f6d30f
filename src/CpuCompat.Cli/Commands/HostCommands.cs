using System.Collections.Immutable;
using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Host;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Topology;
using CpuCompat.Host.Virtualization;

namespace CpuCompat.Cli.Commands;

/// <summary>
/// The commands about the machine CpuCompat runs on (or a captured copy of its /sys and /proc under <c>--root</c>):
/// <c>capabilities</c>, <c>topology</c> and <c>virt-check</c>. What cannot be read is said on stderr (text) or in
/// the <c>notes</c> array (JSON); it never stops the report.
/// </summary>
internal static class HostCommands
{
    private static Option<string?> RootOption() => new(CliConstants.Root)
    {
        Description = "Read /sys, /proc, /dev and /etc below this directory instead of / (a captured host; its CPUID may be recorded in DIR/.cpucompat/cpudata.xml).",
        HelpName = "DIR",
    };

    private static void PrintNotes(CliContext context, ImmutableArray<HostNote> notes)
    {
        foreach (var note in notes)
        {
            context.Err.WriteLine($"cpucompat: {note}");
        }
    }

    public static Command Capabilities(CliContext context)
    {
        var driver = new Option<string>(CliConstants.Driver)
        {
            Description = "The hypervisor driver whose guests to describe: qemu, lxc or xen.",
            HelpName = "DRIVER",
            DefaultValueFactory = _ => "qemu",
        };
        var json = CliOptions.Json();
        var root = RootOption();
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
            context.Write(asJson ? CapabilitiesJsonWriter.Format(document) : CapabilitiesXmlWriter.Format(document));
            if (!asJson)
            {
                PrintNotes(context, document.Notes);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Topology(CliContext context)
    {
        var guest = new Option<string?>(CliConstants.Guest)
        {
            Description = "Check this guest's <vcpu> and <topology> (a <domain> or a <cpu>) against the host.",
            HelpName = "FILE",
        };
        var json = CliOptions.Json();
        var root = RootOption();
        var command = new Command("topology", """
            Show the host's CPU topology (sockets x dies x cores x threads = logical CPUs), the most vCPUs a guest can
            get without overcommitting, and with --guest whether a guest's requested topology fits.
            Exit code: 0, or 1 when the guest does not fit.

            Example:
              cpucompat topology --guest domain.xml
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
            context.Write(asJson ? TopologyJsonWriter.Format(report) : TopologyTextWriter.Format(report));
            if (!asJson)
            {
                PrintNotes(context, report.Notes);
            }

            return report.Guest is { Fits: false } ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }

    public static Command VirtCheck(CliContext context)
    {
        var json = CliOptions.Json();
        var root = RootOption();
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
            context.Write(asJson ? VirtJsonWriter.Format(report) : VirtTextWriter.Format(report));
            if (!asJson)
            {
                PrintNotes(context, report.Notes);
            }

            return report.Ready ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }
}
