using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.Queries;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat feature NAME [--json]</c>: one feature under every name it goes by, where it lives, and who has it.</summary>
internal static class FeatureCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "A feature name in any spelling: libvirt's (sse4.2), QEMU's (sse4-2) or Linux's (sse4_2)." };
        var json = CliOptions.Json();
        var database = new DatabaseOptions();
        var command = new Command("feature", """
            Show a CPU feature under every name it goes by (libvirt/QEMU, Linux /proc/cpuinfo), its CPUID
            leaf/sub-leaf/register/bit or MSR bit, whether it is migratable or security-relevant, the models that
            include it, and the features it depends on.

            Example:
              cpucompat feature sse4_2
            """)
        {
            name, json,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryLoad(parse, context, out var db) || !context.TryGet(FeatureQuery.Describe(new CpuEngine(db), parse.GetValue(name)!), out var report))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json) ? FeatureJson.Format(report) : FeatureText.Format(report));
            return ExitCodes.Success;
        });
        return command;
    }
}
