using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.Qemu;

namespace CpuCompat.Integrations;

/// <summary>
/// A pool's baseline as a Proxmox VE custom CPU model, a <c>cpu-model: NAME</c> section of
/// <c>/etc/pve/virtual-guest/cpu-models.conf</c>: the baseline's model as <c>reported-model</c> and its features as
/// <c>flags</c> (<c>+NAME</c> required, <c>-NAME</c> disabled, in QEMU's spelling). Proxmox hands them to QEMU itself
/// (<c>-cpu MODEL,+a,-b,enforce</c>), without libvirt, so the features libvirt drops before starting QEMU are left out
/// (<see cref="LeftOut"/>): the guest is then the one libvirt would start for the baseline.
/// </summary>
public sealed partial record ProxmoxCpuModel(string Pool, string Name, string ReportedModel, ImmutableArray<string> Flags, ImmutableArray<string> LeftOut)
    : SystemSnippet(TargetSystem.Proxmox, Pool)
{
    private string Comment { get; init; } = "";

    public override string Text
    {
        get
        {
            var text = new StringBuilder();
            text.Append($"# Proxmox VE, pool {Pool}: the pool's baseline, {Comment} (cpucompat pool baseline).\n");
            text.Append($"# A section of /etc/pve/virtual-guest/cpu-models.conf; a VM takes it with cpu: custom-{Name}.\n");
            if (!LeftOut.IsEmpty)
            {
                text.Append($"# Left out as libvirt leaves them out of every guest it starts: {string.Join(", ", LeftOut)}.\n");
            }

            text.Append($"cpu-model: {Name}\n");
            if (!Flags.IsEmpty)
            {
                text.Append($"\tflags {string.Join(";", Flags)}\n");
            }

            text.Append($"\treported-model {ReportedModel}\n");
            return text.ToString();
        }
    }

    /// <summary>
    /// The baseline <paramref name="cpu"/> of <paramref name="pool"/> for Proxmox VE, or why Proxmox cannot take it
    /// exactly. <paramref name="arch"/> gives the features' QEMU spellings; <paramref name="generation"/> is the
    /// libvirt whose QEMU driver the guest is to match.
    /// </summary>
    public static Outcome<ProxmoxCpuModel> From(string pool, CpuDefinition cpu, ArchDatabase? arch, LibvirtGeneration generation)
    {
        if (cpu.Mode != CpuMode.Custom || cpu.Model is not { Length: > 0 } model)
        {
            return Cannot(TargetSystem.Proxmox, pool, "a custom model's reported-model is a named model, and the baseline is not one");
        }

        if (!ProxmoxModels.ReportedModels.Contains(model))
        {
            return Cannot(TargetSystem.Proxmox, pool, $"{model} is not one of the QEMU models Proxmox VE takes as reported-model");
        }

        var x86 = arch?.Family == ArchFamily.X86;
        var flags = ImmutableArray.CreateBuilder<string>();
        var leftOut = ImmutableArray.CreateBuilder<string>();
        foreach (var feature in cpu.Features)
        {
            if (x86 && QemuDroppedFeatures.Contains(feature.Name, generation))
            {
                leftOut.Add(feature.Name);
                continue;
            }

            var sign = feature.Policy switch
            {
                FeaturePolicy.Require or null => "+",
                FeaturePolicy.Disable => "-",
                _ => null,
            };
            if (sign is null)
            {
                return Cannot(TargetSystem.Proxmox, pool, $"the baseline has {feature.Name} with policy '{feature.Policy!.Value.Name()}', and Proxmox flags only enable (+FLAG) or disable (-FLAG)");
            }

            var name = QemuName(feature.Name, arch, generation);
            if (!Flag().IsMatch(name))
            {
                return Cannot(TargetSystem.Proxmox, pool, $"Proxmox flags are letters, digits, '-', '_' and '.', so it cannot name the feature '{name}'");
            }

            flags.Add(sign + name);
        }

        return new ProxmoxCpuModel(pool, SectionName(pool), model, flags.ToImmutable(), leftOut.ToImmutable()) { Comment = Describe(cpu) };
    }

    /// <summary>
    /// A pool's name as a section id Proxmox accepts (a letter, then letters, digits, '-' and '_'; two characters at
    /// least): other characters become '-', and a name that does not start with a letter gets <c>pool-</c> before it.
    /// </summary>
    public static string SectionName(string pool)
    {
        var name = new string([.. pool.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        return name.Length >= 2 && char.IsAsciiLetter(name[0]) ? name : "pool-" + name;
    }

    /// <summary>
    /// The name QEMU knows a feature by, as libvirt translates it. Where that has a dot (sse4.1), a QEMU alias without
    /// one (sse4-1) from the map, since the check older Proxmox releases make of the final -cpu argument takes no dots.
    /// </summary>
    private static string QemuName(string feature, ArchDatabase? arch, LibvirtGeneration generation)
    {
        var name = QemuNames.ToQemu(feature, generation);
        if (name.Contains('.') && arch?.FindFeature(feature) is { } definition
            && definition.Aliases.FirstOrDefault(a => a.Source == "qemu" && !a.Name.Contains('.')) is { } alias)
        {
            return alias.Name;
        }

        return name;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-]+$")]
    private static partial Regex Flag();
}
