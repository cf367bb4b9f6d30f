using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Features;
using CpuCompat.Formats;
using CpuCompat.Formats.Detection;
using CpuCompat.Inputs;

namespace CpuCompat.Diffs;

/// <summary>
/// Which form a CPU description of a diff has: a host CPU (what <c>virsh capabilities</c> reports, and what raw data
/// decodes into), or a guest CPU with a model (a pool's baseline is a <see cref="Custom"/> one). Host-passthrough and
/// maximum guests name no features, so they are never a side.
/// </summary>
public enum CpuForm
{
    Host,
    Custom,
    HostModel,
}

/// <summary>
/// One side of a diff: the input it came from (name and format), the CPU as libvirt sees it (raw data decoded into the
/// host CPU libvirt reports), its form, its architecture family, and the features it stands for (its model's and its
/// own, minus disabled ones).
/// </summary>
public sealed record DiffSide(string Name, InputFormat Format, CpuDefinition Cpu, ArchFamily Family, FeatureSet Features)
{
    public CpuForm Form => Cpu.Type == CpuType.Host ? CpuForm.Host : Cpu.Mode == CpuMode.HostModel ? CpuForm.HostModel : CpuForm.Custom;

    /// <summary>
    /// The side of a parsed input. It must hold exactly one CPU: a diff is about one host or one pool, and picking one of
    /// several would compare something the user did not mean.
    /// </summary>
    public static Outcome<DiffSide> Of(CpuEngine engine, CpuReader reader, CpuInput input, string name)
    {
        var cpus = reader.Cpus(input, name);
        if (!cpus.TryGetValue(out var list))
        {
            return cpus.Error!;
        }

        if (list.Length != 1)
        {
            return Errors.Invalid($"{name} holds {list.Length} CPU definitions; diff compares one CPU with one (give a file with one <cpu>, a capabilities, domain or domain capabilities document, or a raw dump)");
        }

        var cpu = list[0];
        var family = engine.FamilyOf(cpu);
        if (family != ArchFamily.X86)
        {
            // ppc64, ARM and s390 CPUs compare by model in libvirt: their definitions stand for no feature set to diff.
            return Errors.Unsupported($"{name} is a CPU of architecture {ArchNames.DslName(family)}: diff compares the feature sets of x86 CPUs; compare other CPUs with cpu-compare");
        }

        if (cpu.Type == CpuType.Guest && cpu.Mode is CpuMode.HostPassthrough or CpuMode.Maximum)
        {
            return Errors.Invalid($"{name} is a {cpu.Mode.Value.Name()} guest CPU: it is whatever the host has, so it names no features to compare; give the host's CPU instead");
        }

        if (cpu.Model is null)
        {
            return Errors.Invalid(cpu.Type == CpuType.Guest && cpu.Mode == CpuMode.HostModel
                ? $"{name} is a host-model guest CPU without a model: libvirt resolves it against the host when the guest starts; give the host's CPU or its domain capabilities instead"
                : $"{name}: the CPU has no model, so it names no features to compare");
        }

        return engine.FeaturesOf(cpu, family).In(name).Select(features => new DiffSide(name, input.Format, cpu, family, features));
    }

    /// <summary>How people call the form: "host CPU", "guest CPU (custom)", "guest CPU (host-model)".</summary>
    public static string Describe(CpuForm form) => form == CpuForm.Host ? "host CPU" : $"guest CPU ({NameOf(form)})";

    /// <summary>The form's name in JSON: <c>host</c>, <c>custom</c> or <c>host-model</c>.</summary>
    public static string NameOf(CpuForm form) => form switch
    {
        CpuForm.Host => "host",
        CpuForm.Custom => "custom",
        _ => "host-model",
    };
}
