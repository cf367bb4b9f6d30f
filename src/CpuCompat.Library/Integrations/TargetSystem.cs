using System.Collections.Immutable;

namespace CpuCompat.Integrations;

/// <summary>A system that defines guests and can take a pool's baseline in its own configuration.</summary>
public enum TargetSystem
{
    /// <summary>OpenStack Nova's libvirt driver: <c>[libvirt]</c> of <c>nova.conf</c>.</summary>
    Nova,

    /// <summary>KubeVirt: a VirtualMachine's <c>spec.domain.cpu</c>, or the KubeVirt CR's <c>cpuModel</c>.</summary>
    KubeVirt,

    /// <summary>Proxmox VE: a custom model of <c>/etc/pve/virtual-guest/cpu-models.conf</c>.</summary>
    Proxmox,
}

/// <summary>The systems' names on the command line and in JSON, and the files their snippets go to.</summary>
public static class TargetSystems
{
    public static ImmutableArray<TargetSystem> All { get; } = [TargetSystem.Nova, TargetSystem.KubeVirt, TargetSystem.Proxmox];

    /// <summary>The names <c>--for</c> takes: <c>nova</c>, <c>kubevirt</c>, <c>proxmox</c>.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(Name)];

    public static string Name(this TargetSystem system) => system switch
    {
        TargetSystem.Nova => "nova",
        TargetSystem.KubeVirt => "kubevirt",
        _ => "proxmox",
    };

    /// <summary>The system in words, for messages.</summary>
    public static string Title(this TargetSystem system) => system switch
    {
        TargetSystem.Nova => "Nova",
        TargetSystem.KubeVirt => "KubeVirt",
        _ => "Proxmox VE",
    };

    /// <summary>What follows the pool's name in the snippet's file: <c>DIR/east.nova.conf</c>.</summary>
    public static string FileSuffix(this TargetSystem system) => system switch
    {
        TargetSystem.Nova => ".nova.conf",
        TargetSystem.KubeVirt => ".kubevirt.yaml",
        _ => ".proxmox.conf",
    };

    public static TargetSystem? Parse(string name) => All.Cast<TargetSystem?>().FirstOrDefault(s => s!.Value.Name() == name);
}
