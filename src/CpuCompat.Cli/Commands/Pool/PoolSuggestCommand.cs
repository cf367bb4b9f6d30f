using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Output.Html;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.Partitions;

namespace CpuCompat.Cli.Commands.Pool;

/// <summary><c>cpucompat pool suggest [POLICY...] --fleet FLEET --pools K [--by LABEL] [--weights FILE] [--output-dir DIR] [--json]</c>.</summary>
internal static class PoolSuggestCommand
{
    public static Command Create(CliContext context)
    {
        var fleet = new FleetOptions();
        var pools = new Option<int>(CliConstants.Pools) { Description = "At most this many pools (at least one per vendor and architecture).", HelpName = "K", Required = true };
        var weights = new Option<string?>(CliConstants.Weights)
        {
            Description = "How much each feature counts (default 1 each): 'FEATURE WEIGHT' a line, FEATURE a name, a glob (avx512*) or tag:NAME, "
                + $"'default WEIGHT' for the rest, whole numbers 0-{FeatureWeights.MaxWeight}, # comments; the last matching line wins.",
            HelpName = "FILE",
        };
        var outputDir = new Option<string?>(CliConstants.OutputDir) { Description = "Write each suggested pool's baseline <cpu> to DIR/<pool>.xml.", HelpName = "DIR" };
        var json = CliOptions.Json();
        var html = CliOptions.Html();
        var force = OutputFiles.Force();
        var command = new Command("suggest", """
            Splits a fleet into at most K migration pools so that guests keep the most. The objective: the sum over
            hosts of the number of features their pool's baseline offers (with --weights, of those features' weights).
            A pool never mixes vendors or architectures, so each needs a pool of its own (fewer pools than that is an
            error). The search works on the features members share; then one pool per vendor, the greedy merge of the
            closest kinds of CPU and that merge improved by moving kinds between pools are scored with libvirt's real
            baselines, and the best is kept: never worse than the first two. Each pool's baseline is exactly libvirt's
            cpu-baseline of its members, and each pool says which hosts cost it the most, as 'pool baseline' does. The
            answer does not depend on the order of the input. Pools of a whole fleet are pool-1, pool-2, ... by hosts
            (most first); with policy files (or --by) each of their pools is split on its own, keeps its policy
            (forbidden features, allowed and preferred models, migratable, required features) and is named POOL-1,
            POOL-2, ... (POOL when kept whole).
            Exit code: 0, 1 when a pool has no baseline or misses its minimum model, 2 bad input.

            Example:
              cpucompat pool suggest --fleet data/examples/fleet.jsonl --pools 3 --weights data/examples/weights.txt
            """)
        {
            pools, weights, outputDir, json, html, force,
        };
        fleet.AddTo(command, crossVendor: false);
        command.SetAction(parse =>
        {
            var k = parse.GetValue(pools);
            if (k < 1)
            {
                return context.Fail($"{CliConstants.Pools} takes a whole number of at least 1, not {k}");
            }

            if (!fleet.TryOpen(parse, context, out var compat))
            {
                return ExitCodes.BadInput;
            }

            var featureWeights = FeatureWeights.Uniform;
            if (parse.GetValue(weights) is { } file && !context.TryGet(compat.ReadWeights(file), out featureWeights))
            {
                return ExitCodes.BadInput;
            }

            if (!fleet.TryRead(parse, context, compat, out var hosts) || !context.TryGet(compat.SuggestPools(hosts, k, featureWeights, parse.GetValue(fleet.By)), out var suggestion))
            {
                return ExitCodes.BadInput;
            }

            var generation = compat.Database.Generation;
            var baselines = suggestion.Pools.Select(p => p.Baseline).ToList();
            if (parse.GetValue(outputDir) is { } dir && !OutputFiles.TryWrite(context, dir,
                [.. baselines.Where(p => p.Cpu.Succeeded).Select(p => (OutputFiles.SafeName(p.Pool.Name) + ".xml", CpuXmlWriter.Format(p.Cpu.Value, generation)))], parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(html) is { } page && !OutputFiles.TryWriteFile(context, page, FleetReport.Suggest(compat.Engine, suggestion), parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json) ? PoolSuggestJson.Format(suggestion, generation) : PoolSuggestText.Format(suggestion, generation));
            return baselines.All(p => p.Cpu.Succeeded && p.Minimum is not { Met: false }) ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }
}
