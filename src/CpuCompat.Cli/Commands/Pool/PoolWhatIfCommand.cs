using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core;
using CpuCompat.Fleets;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Loading;
using CpuCompat.Output.Html;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Pool;

/// <summary>
/// <c>cpucompat pool what-if [POLICY...] --fleet FLEET [--by LABEL] (--add FLEET2 | --remove NAME,... | --replace FLEET2 |
/// --to-cpu-map DIR) [--guests DIR] [--for SYSTEM] [--output-dir DIR] [--json]</c>.
/// </summary>
internal static class PoolWhatIfCommand
{
    public static Command Create(CliContext context)
    {
        var fleet = new FleetOptions();
        var add = new Option<string?>(CliConstants.Add) { Description = "New hosts joining the fleet (a fleet in any form --fleet takes).", HelpName = "FLEET2" };
        var remove = new Option<string?>(CliConstants.Remove) { Description = "Hosts leaving the fleet, by name, comma-separated.", HelpName = "NAME,..." };
        var replace = new Option<string?>(CliConstants.Replace) { Description = "New CPU data for existing hosts (after a microcode or BIOS update), as a fleet.", HelpName = "FLEET2" };
        var toCpuMap = new Option<string?>(CliConstants.ToCpuMap) { Description = "Another libvirt's cpu_map: every host's CPU and every pool's baseline under the current map and that one.", HelpName = "DIR" };
        var guests = new Option<string?>(CliConstants.Guests) { Description = "Guest definitions (libvirt <domain> or <cpu> .xml files): list every guest that would stop running on some member.", HelpName = "DIR" };
        var outputDir = new Option<string?>(CliConstants.OutputDir) { Description = "Write each pool's new baseline <cpu> to DIR/<pool>.xml.", HelpName = "DIR" };
        var json = CliOptions.Json();
        var html = CliOptions.Html();
        var force = OutputFiles.Force();
        var systems = new SystemsOption();
        var command = new Command("what-if", """
            The fleet's pools as they are and after a change — hosts added, removed or updated, or the move to another
            libvirt's cpu_map — each computed exactly as 'pool baseline' computes it: what every pool's guests gain and
            lose, and with --guests every guest that would stop running, with the hosts and features at fault. With
            --for nova|kubevirt|proxmox, also each new baseline as that system takes a guest CPU.
            Exit code: 0, 1 when a guest would stop running (or a system cannot take a new baseline), 2 bad input.

            Example:
              cpucompat pool what-if --fleet data/examples/fleet.jsonl --by cluster --remove west-14,west-15,west-16 --guests data/examples/guests
            """)
        {
            add, remove, replace, toCpuMap, guests, outputDir, json, html, systems.Option, force,
        };
        fleet.AddTo(command);
        command.SetAction(parse =>
        {
            var changes = new[] { parse.GetValue(add), parse.GetValue(remove), parse.GetValue(replace), parse.GetValue(toCpuMap) }.Count(v => v is not null);
            if (changes != 1)
            {
                return context.Fail($"give exactly one change: {CliConstants.Add}, {CliConstants.Remove}, {CliConstants.Replace} or {CliConstants.ToCpuMap}");
            }

            if (!fleet.TryOpen(parse, context, out var compat) || !fleet.TryRead(parse, context, compat, out var before))
            {
                return ExitCodes.BadInput;
            }

            CpuCompatibility? afterCompat = null;
            Outcome<Fleet> after;
            string change;
            if (parse.GetValue(add) is { } added)
            {
                change = $"add the hosts of {added}";
                if (!fleet.TryRead(parse, context, compat, added, out var more))
                {
                    return ExitCodes.BadInput;
                }

                after = FleetEdits.Add(before, more);
            }
            else if (parse.GetValue(replace) is { } replaced)
            {
                change = $"replace the CPUs of the hosts of {replaced}";
                if (!fleet.TryRead(parse, context, compat, replaced, out var updated))
                {
                    return ExitCodes.BadInput;
                }

                after = FleetEdits.Replace(before, updated);
            }
            else if (parse.GetValue(remove) is { } names)
            {
                var list = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                change = $"remove {PoolBaselineText.Count(list.Length, "host")}";
                after = FleetEdits.Remove(before, list);
            }
            else
            {
                var map = parse.GetValue(toCpuMap)!;
                change = $"move to the cpu_map {map}";
                if (!context.TryGet(CpuCompatibility.Open(DatabaseSource.CpuMap(map)).Then(c => c.WithPolicies(parse.GetValue(fleet.Policies) ?? [])), out afterCompat))
                {
                    return ExitCodes.BadInput;
                }

                after = FleetRemap.To(before, compat.Engine, afterCompat.Engine);
            }

            if (!context.TryGet(after, out var changed))
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(guests) is { } guestsDir && !context.IsDirectory(guestsDir, CliConstants.Guests))
            {
                return ExitCodes.BadInput;
            }

            var result = compat.WhatIf(change, before, changed, parse.GetValue(fleet.By), parse.GetValue(guests), afterCompat, parse.GetValue(fleet.CrossVendor));
            var generation = (afterCompat ?? compat).Database.Generation;
            var snippets = (afterCompat ?? compat).ForSystems(result.Pools.Where(p => p.After is not null).Select(p => p.After!), systems.Systems(parse));
            if (parse.GetValue(outputDir) is { } dir && !OutputFiles.TryWrite(context, dir,
                [.. result.Pools.Where(p => p.After is { Cpu.Succeeded: true }).Select(p => (OutputFiles.SafeName(p.Name) + ".xml", CpuXmlWriter.Format(p.After!.Cpu.Value, generation))), .. SystemsOption.Files(snippets)], parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(html) is { } page && !OutputFiles.TryWriteFile(context, page, FleetReport.WhatIf((afterCompat ?? compat).Engine, result), parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json) ? WhatIfJson.Format(result, compat.Database.Generation, generation, snippets) : WhatIfText.Format(result) + SystemSnippetText.Snippets(snippets));
            var expressed = SystemsOption.ReportFailures(context, snippets);
            return !expressed || result.Pools.Any(p => !p.Breaks.IsEmpty) ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }
}
