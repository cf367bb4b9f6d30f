using System.CommandLine;
using CpuCompat.Cli.Inputs;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Kvm;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Commands;

/// <summary>
/// What a hypervisor on the host can give guests, derived from the host's CPUID data and the database (there is
/// no QEMU to ask): the domain capabilities' CPU part. Shared by <c>domcapabilities</c>, <c>cpu-models</c> and the
/// <c>hypervisor-cpu-*</c> commands.
/// </summary>
internal sealed record HypervisorCpu(CpuEngine Engine, CpuInputs Inputs, CpuData Data, DomainCpuCapabilities Capabilities, bool Kvm)
{
    /// <summary>Shown in the help of every command that relies on it.</summary>
    public const string NoQemuNote = """
        Without a QEMU to ask, the answer rests on what KVM can give a guest (KVM_GET_SUPPORTED_CPUID on this
        machine's /dev/kvm; with --cpuid or without KVM, the CPUID data itself) and the CPU map: a model is usable
        when all its features are there, and the host-model is libvirt's guest decode of that data. QEMU may still
        hide or emulate a few features, so a real libvirtd with QEMU can differ in those.
        """;

    public static bool TryCreate(ParseResult parse, CliContext context, DatabaseOptions database, Option<string> inputFormat, HostData host, out HypervisorCpu result)
    {
        result = null!;
        if (!database.TryStart(parse, context, inputFormat, out var engine, out var inputs))
        {
            return false;
        }

        if (engine.X86 is not { } x86)
        {
            context.Fail("the database has no x86 models");
            return false;
        }

        if (!host.TryRead(parse, context, engine, inputs, out var data))
        {
            return false;
        }

        // On this machine with KVM, a guest gets what KVM supports, not the whole CPUID.
        var device = host.IsLive(parse) ? LinuxKvmDevice.TryCreate() : null;
        if (device is not null)
        {
            if (KvmGuestCpuid.Read(device, data, x86.Database, out var failure) is { } guestData)
            {
                data = guestData;
            }
            else
            {
                context.Err.WriteLine($"cpucompat: note: {failure}; using the host's CPUID instead of what KVM supports");
            }
        }

        result = new HypervisorCpu(engine, inputs, data, DomainCpuBuilder.Build(x86, data, device is not null), device is not null);
        return true;
    }

    /// <summary>The host-model CPU, which hypervisor-cpu-compare compares against.</summary>
    public CpuDefinition? HostModel => Capabilities.HostModel;
}
