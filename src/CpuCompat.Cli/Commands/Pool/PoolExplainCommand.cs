using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Pool;

/// <summary><c>cpucompat pool explain [POLICY...] --fleet FLEET [--by LABEL] [--pool NAME] [--json]</c>.</summary>
internal static class PoolExplainCommand
{
    public static Command Create(CliContext context)
    {
        var fleet = new FleetOptions();
        var only = new Option<string?>("--pool") { Description = "Explain only this pool.", HelpName = "NAME" };
        var json = CliOptions.Json();
        var command = new Command("explain", """
            Why each pool's baseline is the model it is: for every newer model (later in the database, of the pool's
            vendors), which hosts lack which of its features, and the baseline the other hosts would get if those were
            retired. Shows the newer models some members can run; --json lists every newer model. Exit code: 0, 1 when a
            pool has no baseline, 2 bad input.

            Example:
              cpucompat pool explain data/examples/fleet-policy.ccl --fleet data/examples/fleet.jsonl --pool east
            """)
        {
            only, json,
        };
        fleet.AddTo(command);
        command.SetAction(parse =>
        {
            if (!fleet.TryOpen(parse, context, out var compat) || !fleet.TryRead(parse, context, compat, out var hosts))
            {
                return ExitCodes.BadInput;
            }

            var pools = compat.ExplainPools(hosts, parse.GetValue(fleet.By), parse.GetValue(fleet.CrossVendor));
            if (parse.GetValue(only) is { } name)
            {
                pools = [.. pools.Where(p => p.Baseline.Pool.Name == name)];
                if (pools.IsEmpty)
                {
                    return context.Fail($"no pool named '{name}' in this fleet");
                }
            }

            context.Write(parse.GetValue(json) ? PoolExplainJson.Format(hosts, pools, compat.Database.Generation) : PoolExplainText.Format(hosts, pools));
            return pools.All(p => p.Baseline.Cpu.Succeeded) ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }
}
