using System.Collections.Immutable;
using System.Text;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Integrations;

/// <summary>
/// A pool's baseline as the <c>[libvirt]</c> section of <c>nova.conf</c>: <c>cpu_mode = custom</c>, the baseline's model
/// as <c>cpu_models</c>, and its features as <c>cpu_model_extra_flags</c> (required ones by name, disabled ones as
/// <c>-NAME</c>). Nova's libvirt driver builds every instance's guest CPU from these values: the model, then one
/// <c>&lt;feature&gt;</c> per flag, <c>policy='disable'</c> for a leading '-' and <c>'require'</c> otherwise, after
/// lower-casing the flags. Nothing else of the baseline reaches the guest: its <c>&lt;vendor&gt;</c> only restricts
/// which hosts may run it (the model fixes the vendor the guest sees), and its model fallback does not change the CPU.
/// </summary>
public sealed record NovaCpuConfig(string Pool, string Model, ImmutableArray<string> ExtraFlags) : SystemSnippet(TargetSystem.Nova, Pool)
{
    /// <summary>The only <c>cpu_mode</c> that takes a named model.</summary>
    public const string Mode = "custom";

    private string Comment { get; init; } = "";

    public override string Text
    {
        get
        {
            var text = new StringBuilder();
            text.Append($"# nova.conf of the compute hosts of pool {Pool}: every instance's guest CPU is the pool's baseline,\n");
            text.Append($"# {Comment} (cpucompat pool baseline).\n");
            text.Append("[libvirt]\n");
            text.Append($"cpu_mode = {Mode}\n");
            text.Append($"cpu_models = {Model}\n");
            text.Append($"cpu_model_extra_flags = {string.Join(", ", ExtraFlags)}\n");
            return text.ToString();
        }
    }

    /// <summary>The baseline <paramref name="cpu"/> of <paramref name="pool"/> for Nova, or why Nova cannot take it exactly.</summary>
    public static Outcome<NovaCpuConfig> From(string pool, CpuDefinition cpu)
    {
        if (cpu.Mode != CpuMode.Custom || cpu.Model is not { Length: > 0 } model)
        {
            return Cannot(TargetSystem.Nova, pool, "Nova's cpu_models take a named model, and the baseline is not one");
        }

        // cpu_models and cpu_model_extra_flags are comma-separated lists whose items oslo.config strips.
        if (!IsListItem(model))
        {
            return Cannot(TargetSystem.Nova, pool, $"the model name '{model}' cannot be an item of cpu_models");
        }

        var flags = ImmutableArray.CreateBuilder<string>(cpu.Features.Length);
        foreach (var feature in cpu.Features)
        {
            var name = feature.Name;
            // The driver lower-cases every flag and strips leading '+' or '-' signs before it names the feature.
            if (name != name.ToLowerInvariant() || !IsListItem(name) || name[0] is '+' or '-')
            {
                return Cannot(TargetSystem.Nova, pool, $"Nova lower-cases cpu_model_extra_flags and reads a leading + or - as a policy, so it cannot name the feature '{name}'");
            }

            switch (feature.Policy)
            {
                case FeaturePolicy.Require or null:
                    flags.Add(name);
                    break;
                case FeaturePolicy.Disable:
                    flags.Add("-" + name);
                    break;
                default:
                    return Cannot(TargetSystem.Nova, pool,
                        $"the baseline has {name} with policy '{feature.Policy.Value.Name()}', and cpu_model_extra_flags only require (FLAG) or disable (-FLAG)");
            }
        }

        return new NovaCpuConfig(pool, model, flags.MoveToImmutable()) { Comment = Describe(cpu) };
    }

    private static bool IsListItem(string name) => name.Length > 0 && !name.Contains(',') && name.Trim() == name && !name.Any(char.IsControl);
}
