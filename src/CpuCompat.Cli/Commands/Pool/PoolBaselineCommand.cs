using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Output.Html;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Pool;

/// <summary><c>cpucompat pool baseline [POLICY...] --fleet FLEET [--by LABEL] [--for SYSTEM] [--output-dir DIR] [--json]</c>.</summary>
internal static class PoolBaselineCommand
{
    public static Command Create(CliContext context)
    {
        var fleet = new FleetOptions();
        var outputDir = new Option<string?>(CliConstants.OutputDir) { Description = "Write each pool's baseline <cpu> to DIR/<pool>.xml.", HelpName = "DIR" };
        var json = CliOptions.Json();
        var html = CliOptions.Html();
        var force = OutputFiles.Force();
        var models = new Option<string?>(CliConstants.Models) { Description = "QEMU's model list (a query-cpu-definitions reply): flag a pool whose baseline model QEMU deprecates, and propose the nearest model it does not.", HelpName = "FILE" };
        var systems = new SystemsOption();
        var command = new Command("baseline", """
            For each migration pool of a fleet, the guest <cpu> that runs on, and migrates between, all its members.
            Without a policy it is exactly libvirt's cpu-baseline of the pool's hosts; a policy's forbidden features are
            disabled, its required features leave out the hosts without them. Prints, per pool, its members by kind, the
            baseline and its ABI level, which hosts hold it back and what they cost, and the security-relevant features
            it loses. Identical CPUs are read and decoded once. Exit code: 0, 1 when a pool has no baseline or misses its
            minimum model, 2 bad input.

            With --for nova|kubevirt|proxmox, each pool's baseline as that system takes a guest CPU, or why it cannot.

            Example:
              cpucompat pool baseline data/examples/fleet-policy.ccl --fleet data/examples/fleet.jsonl --by cluster
              cpucompat pool baseline data/examples/fleet-policy.ccl --fleet data/examples/fleet.jsonl --for nova --output-dir nova
              cpucompat pool baseline --fleet data/examples/hypervisors.json --by aggregate --for kubevirt
            """)
        {
            outputDir, json, html, models, systems.Option, force,
        };
        fleet.AddTo(command);
        command.SetAction(parse =>
        {
            if (!fleet.TryOpen(parse, context, out var compat) || !fleet.TryRead(parse, context, compat, out var hosts))
            {
                return ExitCodes.BadInput;
            }

            AllowedModels? qemuModels = null;
            if (parse.GetValue(models) is { } modelsPath
                && (!context.TryReadText(modelsPath, out var modelsText) || !context.TryGet(compat.Reader.ReadModels(modelsText, CliContext.DisplayName(modelsPath)), out qemuModels)))
            {
                return ExitCodes.BadInput;
            }

            var pools = compat.PoolBaselines(hosts, parse.GetValue(fleet.By), parse.GetValue(fleet.CrossVendor));
            var deprecated = qemuModels is null ? null : pools.Select(p => compat.Deprecation(p, qemuModels)).ToList();
            var snippets = compat.ForSystems(pools, systems.Systems(parse));
            var generation = compat.Database.Generation;
            if (parse.GetValue(outputDir) is { } dir && !OutputFiles.TryWrite(context, dir,
                [.. pools.Where(p => p.Cpu.Succeeded).Select(p => (OutputFiles.SafeName(p.Pool.Name) + ".xml", CpuXmlWriter.Format(p.Cpu.Value, generation))), .. SystemsOption.Files(snippets)], parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(html) is { } page && !OutputFiles.TryWriteFile(context, page, FleetReport.Pools(compat.Engine, hosts, pools), parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json) ? PoolBaselineJson.Format(hosts, pools, generation, deprecated, snippets)
                : snippets.IsEmpty ? PoolBaselineText.Format(hosts, pools, generation, deprecated) : SystemSnippetText.Format(hosts, snippets));
            var expressed = SystemsOption.ReportFailures(context, snippets);
            return expressed && pools.All(p => p.Cpu.Succeeded && p.Minimum is not { Met: false }) ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }
}
