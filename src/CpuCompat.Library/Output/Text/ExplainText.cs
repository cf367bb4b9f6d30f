using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Queries;

namespace CpuCompat.Output.Text;

/// <summary><c>cpucompat explain</c>: the data's vendor and signature, the rules applied, then one row per model visited.</summary>
public static class ExplainText
{
    public static string Format(DecodeExplanation explanation, string inputName, bool all)
    {
        var (trace, signature) = (explanation.Trace, explanation.Trace.Signature);
        var text = new StringBuilder();
        text.Append($"{(explanation.Guest ? "Guest" : "Host")} decode of {inputName}: vendor {trace.Vendor ?? "unknown"}, ");
        text.Append(signature.Family == 0 ? "no signature\n" : $"family {signature.Family} model {signature.Model} stepping {signature.Stepping}\n");
        foreach (var rule in explanation.AppliedRules)
        {
            text.Append($"Rule {rule.Name} applies, {rule.Condition} holds: it drops {string.Join(", ", rule.Drops)}\n");
        }

        if (explanation.Result.TryGetValue(out var cpu))
        {
            var disabled = cpu.Features.Count(f => f.Policy == FeaturePolicy.Disable);
            text.Append($"Chosen: {cpu.Model}, {cpu.Features.Length - disabled} features on top of the model, {disabled} disabled\n");
        }

        text.Append("""

            libvirt walks the models from the last in the map (newest) to the first. A model replaces the best so far
            only if it is better: it matches the CPU signature when the best does not, or it has a lower score (extra
            features + penalties for disabled ones); on a tie the model seen first (later in the map) stays.


            """);
        text.Append($"  {"model",-34} {"verdict",-9} {"extra",5} {"disabled",8} {"score",6}  reason\n");
        var skipped = 0;
        foreach (var step in trace.Steps)
        {
            if (step.Verdict == DecodeVerdict.Skipped && !all)
            {
                skipped++;
                continue;
            }

            var verdict = step.Verdict switch
            {
                DecodeVerdict.Accepted => "best",
                DecodeVerdict.AcceptedAndStopped => "chosen",
                DecodeVerdict.Rejected => "rejected",
                _ => "skipped",
            };
            var numbers = step.Verdict == DecodeVerdict.Skipped ? $"{"",5} {"",8} {"",6}" : $"{step.Required,5} {step.Disabled,8} {step.Score,6}";
            text.Append($"  {step.Model,-34} {verdict,-9} {numbers}  {step.Reason}\n");
        }

        if (skipped > 0)
        {
            text.Append($"  ({skipped} models not considered: another vendor, not decodable this way, or missing features; --all lists them)\n");
        }

        return text.ToString();
    }
}
