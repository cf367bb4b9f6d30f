using System.CommandLine;
using System.Text;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;

using CpuCompat.Host;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat explain --cpuid FILE [--guest] [--models FILE]</c>: why host-model decoding chose its model.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var cpuid = new Option<string>(CliConstants.Cpuid) { Description = "Raw CPUID data (any format host-model accepts).", HelpName = "FILE", Required = true };
        var guest = new Option<bool>(CliConstants.Guest) { Description = "Explain the guest decode (what a host-model guest gets) instead of the host decode." };
        var models = new Option<string?>(CliConstants.Models) { Description = "With --guest: the models the hypervisor can run (QMP reply or names).", HelpName = "FILE" };
        var all = new Option<bool>("--all") { Description = "Also list the models that were not considered, and why." };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("explain", """
            Explain how libvirt's decoding chose a CPU model for CPUID data: the rules applied to the data, every
            model considered (newest first, as libvirt walks them) with its extra and missing features, its score
            and the rule that decided.

            Example:
              cpucompat explain --cpuid host-cpudata.xml --guest
            """)
        {
            cpuid, guest, models, all, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryStart(parse, context, inputFormat, out var engine, out var inputs))
            {
                return ExitCodes.BadInput;
            }

            var db = engine.Database;
            if (engine.X86 is not { } x86)
            {
                return context.Fail("the database has no x86 models");
            }

            var asGuest = parse.GetValue(guest);
            AllowedModels? allowed = null;
            if (parse.GetValue(models) is { } modelsPath && (!asGuest ? context.Fail($"{CliConstants.Models} needs {CliConstants.Guest}") != 0 : !inputs.TryReadModels(modelsPath, out allowed)))
            {
                return ExitCodes.BadInput;
            }

            if (!inputs.TryReadCpuData(parse.GetValue(cpuid)!, out var data, out var fileModels))
            {
                return ExitCodes.BadInput;
            }

            allowed ??= asGuest ? fileModels : null;
            var stub = asGuest
                ? CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid }
                : CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom };
            var trace = new DecodeTrace();
            var input = X86Input.FromData(x86.Database, data);
            var decoded = x86.Decode(new X86DecodeRequest(stub, input) { Allowed = allowed, Trace = trace });
            var vendor = x86.DetectVendor(input.Leaf0)?.Name;
            var signature = CpuSignature.FromEax(input.MaskedSignature);
            context.Write(parse.GetValue(json)
                ? Json(asGuest, vendor, signature, trace, decoded)
                : Text(asGuest, parse.GetValue(cpuid)!, vendor, signature, trace, decoded, parse.GetValue(all), x86));
            return decoded.Succeeded ? ExitCodes.Success : context.Fail(decoded.Error);
        });
        return command;
    }

    private static string Text(bool guest, string file, string? vendor, CpuSignature signature, DecodeTrace trace, Outcome<CpuDefinition> decoded, bool all, X86Driver x86)
    {
        var text = new StringBuilder();
        text.Append($"{(guest ? "Guest" : "Host")} decode of {CliContext.DisplayName(file)}: vendor {vendor ?? "unknown"}, ");
        text.Append(signature.Family == 0 ? "no signature\n" : $"family {signature.Family} model {signature.Model} stepping {signature.Stepping}\n");
        foreach (var rule in trace.AppliedRules)
        {
            var definition = x86.Database.Rules.First(r => r.Name == rule);
            text.Append($"Rule {rule} applies, {definition.Condition} holds: it drops {string.Join(", ", x86.Database.NamesOf(definition.Drop))}\n");
        }

        if (decoded.Succeeded)
        {
            var cpu = decoded.Value;
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

    private static string Json(bool guest, string? vendor, CpuSignature signature, DecodeTrace trace, Outcome<CpuDefinition> decoded) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("decode", guest ? "guest" : "host");
        w.WriteStringOrNull("vendor", vendor);
        w.WriteStartObject("signature");
        w.WriteNumber("family", signature.Family);
        w.WriteNumber("model", signature.Model);
        w.WriteNumber("stepping", signature.Stepping);
        w.WriteEndObject();
        w.WriteStrings("rules_applied", trace.AppliedRules);
        w.WriteStringOrNull("chosen", decoded.Succeeded ? decoded.Value.Model : null);
        w.WriteStringOrNull("error", decoded.Error?.Message);
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
        w.WriteEndObject();
    });
}
