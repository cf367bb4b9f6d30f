using System.CommandLine;
using CpuCompat.Cli.Infrastructure;

namespace CpuCompat.Cli.Commands.Pool;

/// <summary><c>cpucompat pool ...</c>: migration pools over a whole fleet.</summary>
internal static class PoolCommand
{
    public static Command Create(CliContext context) => new("pool", "Migration pools over a fleet: each pool's baseline, what a change would do, how to split a fleet into pools, why a pool is what it is.")
    {
        PoolBaselineCommand.Create(context),
        PoolWhatIfCommand.Create(context),
        PoolSuggestCommand.Create(context),
        PoolExplainCommand.Create(context),
    };
}
