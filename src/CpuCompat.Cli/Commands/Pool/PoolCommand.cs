using System.CommandLine;
using CpuCompat.Cli.Infrastructure;

namespace CpuCompat.Cli.Commands.Pool;

/// <summary><c>cpucompat pool ...</c>: migration pools over a whole fleet.</summary>
internal static class PoolCommand
{
    public static Command Create(CliContext context) => new("pool", "Migration pools over a fleet: each pool's baseline, why it is what it is, what a change would do.")
    {
        PoolBaselineCommand.Create(context),
        PoolWhatIfCommand.Create(context),
        PoolExplainCommand.Create(context),
    };
}
