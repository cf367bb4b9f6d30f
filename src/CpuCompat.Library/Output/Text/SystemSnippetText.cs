using System.Text;
using CpuCompat.Fleets;
using CpuCompat.Integrations;

namespace CpuCompat.Output.Text;

/// <summary>
/// <c>pool baseline --for SYSTEM</c> for people and for pasting: each pool's snippet as that system takes it, one after
/// the other, and for a pool the system cannot take a comment line saying why. Every other line is a comment too, so
/// one pool's output is a valid file of that system as it stands; KubeVirt snippets are separate YAML documents.
/// </summary>
public static class SystemSnippetText
{
    public static string Format(Fleet fleet, IReadOnlyList<PoolSnippet> snippets)
    {
        var text = new StringBuilder();
        text.Append($"# {PoolBaselineText.Count(fleet.Hosts.Length, "host")} of {PoolBaselineText.Count(fleet.Kinds.Length, "kind")} from {fleet.Source}");
        text.Append(fleet.Problems.IsEmpty ? "\n" : $"; {fleet.Problems.Length} left out (see stderr)\n");
        return text.Append(Snippets(snippets)).ToString();
    }

    /// <summary>The snippets alone, each after a blank line (KubeVirt's after a YAML document separator).</summary>
    public static string Snippets(IReadOnlyList<PoolSnippet> snippets)
    {
        var text = new StringBuilder();
        foreach (var snippet in snippets)
        {
            text.Append(snippet.System == TargetSystem.KubeVirt ? "---\n" : "\n");
            text.Append(snippet.Snippet.TryGetValue(out var value) ? value.Text : $"# {snippet.Snippet.Error!.Message}\n");
        }

        return text.ToString();
    }
}
