using CpuCompat.Core;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Integrations;

/// <summary>
/// A pool's baseline in one system's configuration: the values that system takes and <see cref="Text"/>, the
/// snippet as it is printed and written to <c>DIR/&lt;pool&gt;</c> plus <see cref="TargetSystems.FileSuffix"/>.
/// </summary>
public abstract record SystemSnippet(TargetSystem System, string Pool)
{
    /// <summary>The configuration text, ending with a line break.</summary>
    public abstract string Text { get; }

    /// <summary>"Skylake-Server-IBRS with 23 features required and 3 disabled", for the snippets' comments.</summary>
    protected static string Describe(CpuDefinition cpu)
    {
        var required = cpu.Features.Count(f => f.Policy is FeaturePolicy.Require or null);
        var disabled = cpu.Features.Count(f => f.Policy == FeaturePolicy.Disable);
        var others = cpu.Features.Length - required - disabled;
        return $"{cpu.Model} with {Count(required, "feature")} required"
            + (disabled > 0 ? $" and {disabled} disabled" : "")
            + (others > 0 ? $" and {others} of other policies" : "");
    }

    /// <summary>Why <paramref name="system"/> cannot take the baseline of <paramref name="pool"/>, as an error.</summary>
    protected static CpuError Cannot(TargetSystem system, string pool, string why) =>
        Errors.Unsupported($"{system.Title()} cannot express the baseline of pool {pool} exactly: {why}");

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
