using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Queries;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat explain --json</c> (schema <c>explain</c>); candidates in the order libvirt visits them.</summary>
public static class ExplainJson
{
    public const int SchemaVersion = 1;

    public static string Format(DecodeExplanation explanation) => JsonText.Document(SchemaVersion, w =>
    {
        var (trace, signature, result) = (explanation.Trace, explanation.Trace.Signature, explanation.Result);
        w.WriteString("decode", explanation.Guest ? "guest" : "host");
        w.WriteStringOrNull("vendor", trace.Vendor);
        w.WriteStartObject("signature");
        w.WriteNumber("family", signature.Family);
        w.WriteNumber("model", signature.Model);
        w.WriteNumber("stepping", signature.Stepping);
        w.WriteEndObject();
        w.WriteStrings("rules_applied", trace.AppliedRules);
        w.WriteStringOrNull("chosen", result.Succeeded ? result.Value.Model : null);
        w.WriteStringOrNull("error", result.Error?.Message);
        w.WriteStartArray("candidates");
        foreach (var step in trace.Steps)
        {
            w.WriteStartObject();
            w.WriteString("model", step.Model);
            w.WriteString("verdict", step.Verdict switch
            {
                DecodeVerdict.Accepted => "accepted",
                DecodeVerdict.AcceptedAndStopped => "accepted_and_stopped",
                DecodeVerdict.Rejected => "rejected",
                _ => "skipped",
            });
            w.WriteString("reason", step.Reason);
            w.WriteNumber("extra_features", step.Required);
            w.WriteNumber("disabled_features", step.Disabled);
            w.WriteNumber("score", step.Score);
            w.WriteNumber("penalty", step.Penalty);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
