using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;
using CpuCompat.Queries;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db show MODEL</c>: a model's complete feature list and where each feature comes from.</summary>
internal static class DbShowCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A model name, e.g. Skylake-Server-v4." };
        var json = CliOptions.Json();
        var database = new DatabaseOptions();
        var command = new Command("show", """
            Show a model: vendor, signatures, decode flags, ancestry and aliases, the features libvirt removed or added,
            and its full feature list in map order with the model each feature comes from and the rules that touch it.

            Example:
              cpucompat db show Haswell-v2
            """)
        {
            model, json,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryLoad(parse, context, out var db) || !context.TryGet(ModelQuery.Find(db, parse.GetValue(model)!), out var report))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json) ? ModelJson.Format(report) : ModelText.Format(report));
            return ExitCodes.Success;
        });
        return command;
    }
}
