using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Integrations;

/// <summary>
/// A pool's baseline as KubeVirt's guest CPU: a VirtualMachine's <c>spec.template.spec.domain.cpu</c> (<c>model</c>, and
/// <c>features</c> with <c>name</c> and <c>policy</c>, the five policies of libvirt), in YAML. KubeVirt writes them into
/// the domain's <c>&lt;cpu mode='custom'&gt;</c> unchanged. Where the baseline has no features on top of its model, the
/// same CPU can be the whole cluster's default: the KubeVirt CR's <c>spec.configuration.cpuModel</c>, which takes a
/// model only (<see cref="ClusterCpuModel"/>, a second YAML document).
/// </summary>
public sealed partial record KubeVirtCpu(string Pool, string Model, ImmutableArray<CpuFeature> Features) : SystemSnippet(TargetSystem.KubeVirt, Pool)
{
    /// <summary>
    /// The models KubeVirt's node labeller leaves out unless the cluster's <c>obsoleteCPUModels</c> says otherwise: no
    /// node gets their <c>cpu-model.node.kubevirt.io/</c> label, so a VM asking for one is never scheduled.
    /// </summary>
    public static readonly FrozenSet<string> ObsoleteModels = FrozenSet.Create(StringComparer.Ordinal,
    [
        .. new[] { "486", "pentium", "pentium2", "pentium3", "pentiumpro", "coreduo", "n270", "core2duo", "Conroe", "athlon", "phenom", "qemu64", "qemu32", "kvm64", "kvm32" }
            .SelectMany(m => new[] { m, m + "-v1" }),
    ]);

    private string Comment { get; init; } = "";

    /// <summary>The CR's <c>spec.configuration.cpuModel</c>: the model, when the baseline has no features on top of it; else null.</summary>
    public string? ClusterCpuModel => Features.IsEmpty ? Model : null;

    public override string Text
    {
        get
        {
            var text = new StringBuilder();
            text.Append($"# KubeVirt, pool {Pool}: the guest CPU is the pool's baseline, {Comment}\n");
            text.Append("# (cpucompat pool baseline). A VirtualMachine's spec.template.spec.domain.cpu (a VirtualMachineInstance's spec.domain.cpu).\n");
            text.Append("spec:\n  template:\n    spec:\n      domain:\n        cpu:\n");
            text.Append($"          model: {Scalar(Model)}\n");
            if (!Features.IsEmpty)
            {
                text.Append("          features:\n");
                foreach (var f in Features)
                {
                    text.Append($"          - {{name: {Scalar(f.Name)}, policy: {(f.Policy ?? FeaturePolicy.Require).Name()}}}\n");
                }
            }

            if (ClusterCpuModel is { } cluster)
            {
                text.Append("---\n");
                text.Append("# The same CPU as the default of every VM without a model of its own: the KubeVirt CR's spec.configuration.cpuModel.\n");
                text.Append($"spec:\n  configuration:\n    cpuModel: {Scalar(cluster)}\n");
            }

            return text.ToString();
        }
    }

    /// <summary>The baseline <paramref name="cpu"/> of <paramref name="pool"/> for KubeVirt, or why KubeVirt cannot take it exactly.</summary>
    public static Outcome<KubeVirtCpu> From(string pool, CpuDefinition cpu)
    {
        if (cpu.Mode != CpuMode.Custom || cpu.Model is not { Length: > 0 } model)
        {
            return Cannot(TargetSystem.KubeVirt, pool, "KubeVirt's cpu.model takes a named model, and the baseline is not one");
        }

        if (ObsoleteModels.Contains(model))
        {
            return Cannot(TargetSystem.KubeVirt, pool, $"{model} is one of KubeVirt's obsolete CPU models, which its node labeller offers on no node unless the KubeVirt CR's obsoleteCPUModels leaves it out");
        }

        // The model and every required feature become node selectors (cpu-model.node.kubevirt.io/MODEL,
        // cpu-feature.node.kubevirt.io/NAME), so they must be valid names of Kubernetes labels.
        if (!LabelName().IsMatch(model))
        {
            return Cannot(TargetSystem.KubeVirt, pool, $"the model name '{model}' cannot be the name of a Kubernetes label, which KubeVirt schedules by");
        }

        if (cpu.Features.FirstOrDefault(f => !LabelName().IsMatch(f.Name)) is { } bad)
        {
            return Cannot(TargetSystem.KubeVirt, pool, $"the feature name '{bad.Name}' cannot be the name of a Kubernetes label, which KubeVirt schedules by");
        }

        return new KubeVirtCpu(pool, model, [.. cpu.Features.Select(f => f with { Policy = f.Policy ?? FeaturePolicy.Require })]) { Comment = Describe(cpu) };
    }

    /// <summary>A name as a YAML scalar: plain where YAML 1.1 and 1.2 both read it as that string, else double-quoted.</summary>
    public static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && !YamlKeyword().IsMatch(value)
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelName();

    // Starts with a letter (so never a number, a date or an indicator) and holds no ': ', '#', quote or flow indicator.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.+-]*$")]
    private static partial Regex PlainScalar();

    // YAML 1.1 booleans and null, which a plain scalar would turn into.
    [GeneratedRegex("^(y|n|yes|no|on|off|true|false|null)$", RegexOptions.IgnoreCase)]
    private static partial Regex YamlKeyword();
}
