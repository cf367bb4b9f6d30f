using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Host.Capabilities;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Output.Json;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat domcapabilities [--cpuid FILE]</c>: the CPU part of <c>virsh domcapabilities</c>, without a QEMU.</summary>
internal static class DomCapabilitiesCommand
{
    public static Command Create(CliContext context)
    {
        var options = new HypervisorOptions();
        var command = new Command("domcapabilities", $"""
            Print the CPU part of 'virsh domcapabilities' for this host (or the host whose CPUID --cpuid gives): the
            host-passthrough and maximum modes, the host-model CPU with its model and features, and every custom model
            with whether it is usable and, if not, the features that block it. Pipe it into
            'cpucompat hypervisor-cpu-baseline --features -' as KubeVirt does with virsh.
            {HypervisorOptions.NoQemuNote}
            Example:
              cpucompat domcapabilities --cpuid data/examples/host-cpudata.xml | cpucompat hypervisor-cpu-baseline --features - --cpuid data/examples/host-cpudata.xml
            """);
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!options.TryCreate(parse, context, out var compat, out _, out var view))
            {
                return ExitCodes.BadInput;
            }

            var domain = view.Kvm ? "kvm" : "qemu";
            context.Write(parse.GetValue(options.Json)
                ? DomainCpuJson.Format(view.Capabilities, domain, "x86_64")
                : DomainCapabilitiesXmlWriter.FormatDocument(HypervisorView.FindEmulator(), domain, "x86_64", null, view.Capabilities, compat.Database.Generation));
            return ExitCodes.Success;
        });
        return command;
    }
}
