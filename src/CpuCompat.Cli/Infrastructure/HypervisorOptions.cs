using System.CommandLine;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Kvm;
using CpuCompat.Inputs;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// The options of the commands that answer for the hypervisor on a host (<c>domcapabilities</c>, <c>cpu-models</c>,
/// <c>hypervisor-cpu-*</c>): the database, the input format, and the host's CPUID (<c>--cpuid</c> or this machine).
/// </summary>
internal sealed class HypervisorOptions
{
    /// <summary>Shown in the help of every command that relies on it.</summary>
    public const string NoQemuNote = """
        Without a QEMU to ask, the answer rests on what KVM can give a guest (KVM_GET_SUPPORTED_CPUID on this
        machine's /dev/kvm; with --cpuid or without KVM, the CPUID data itself) and the CPU map: a model is usable
        when all its features are there, and the host-model is libvirt's guest decode of that data. QEMU may still
        hide or emulate a few features, so a real libvirtd with QEMU can differ in those.
        """;

    public Option<bool> Json { get; } = CliOptions.Json();

    public Option<string> InputFormat { get; } = CliOptions.InputFormat();

    public HostDataOption Host { get; } = new();

    public DatabaseOptions Database { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(InputFormat);
        Host.AddTo(command);
        Database.AddTo(command);
    }

    /// <summary>The library over the chosen database and the hypervisor's view of the host; reports problems and returns false.</summary>
    public bool TryCreate(ParseResult parse, CliContext context, out CpuCompatibility compat, out CpuReader reader, out HypervisorView view)
    {
        view = null!;
        reader = null!;
        if (!Database.TryOpen(parse, context, InputFormat, out compat, out var format) || !Host.TryRead(parse, context, reader = compat.ReaderFor(format), out var data))
        {
            return false;
        }

        // On this machine with KVM, a guest gets what KVM supports, not the whole CPUID.
        var device = Host.IsLive(parse) ? LinuxKvmDevice.TryCreate() : null;
        if (!context.TryGet(HypervisorView.Create(compat.Engine, data, device), out view))
        {
            return false;
        }

        if (view.Note is { } note)
        {
            context.Err.WriteLine($"cpucompat: note: {note}");
        }

        return true;
    }
}
