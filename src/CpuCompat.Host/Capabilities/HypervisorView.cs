using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Host.Kvm;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// What a hypervisor on a host can give guests, derived from the host's CPUID data and the database since there is
/// no QEMU to ask: with this machine's <c>/dev/kvm</c>, KVM's supported CPUID (as QEMU builds its host model from
/// it); otherwise the CPUID data itself. Its <see cref="Capabilities"/> are the CPU part of domain capabilities.
/// </summary>
/// <param name="Data">The CPU data a guest can be given.</param>
/// <param name="Capabilities">The domain capabilities' CPU part built from <see cref="Data"/>.</param>
/// <param name="Kvm">Whether KVM answered (host-passthrough is then available).</param>
/// <param name="Note">Why KVM's view could not be used although a KVM device was there; null otherwise.</param>
public sealed record HypervisorView(CpuData Data, DomainCpuCapabilities Capabilities, bool Kvm, string? Note)
{
    /// <summary>The emulators libvirt looks for, in order; the first that exists is named in domain capabilities.</summary>
    private static readonly string[] Emulators = ["/usr/bin/qemu-system-x86_64", "/usr/libexec/qemu-kvm", "/usr/bin/qemu-kvm"];

    /// <summary>The host-model CPU, which hypervisor-cpu-compare compares against; null when none could be decoded.</summary>
    public CpuDefinition? HostModel => Capabilities.HostModel;

    /// <param name="engine">The engine over the database in use; it needs an x86 section.</param>
    /// <param name="hostData">The host's CPUID data.</param>
    /// <param name="device">This machine's KVM device, when the data is this machine's; null for recorded data.</param>
    public static Outcome<HypervisorView> Create(CpuEngine engine, CpuData hostData, IKvmDevice? device)
    {
        var data = hostData;
        string? note = null;
        if (device is not null)
        {
            if (KvmGuestCpuid.Read(device, hostData, engine.Database.X86, out var failure) is { } guestData)
            {
                data = guestData;
            }
            else
            {
                note = $"{failure}; using the host's CPUID instead of what KVM supports";
            }
        }

        return DomainCpuBuilder.Build(engine, data, device is not null)
            .Select(capabilities => new HypervisorView(data, capabilities, device is not null, note));
    }

    /// <summary>The first emulator binary of <see cref="Emulators"/> that exists on this machine, or null.</summary>
    public static string? FindEmulator() => Emulators.FirstOrDefault(File.Exists);
}
