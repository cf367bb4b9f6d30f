using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Output.Schemas;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat schema [NAME]</c>: the JSON Schema of a command's <c>--json</c> output, or the list of them.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("NAME")
        {
            Description = $"The schema to print: {string.Join(", ", SchemaCatalog.Names)}. Without it, the list.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("schema", """
            Print the JSON Schema (draft 2020-12) of a --json output. Every --json document starts with
            "schema_version"; fields are only ever added within a version.

            Example:
              cpucompat schema cpu
            """)
        {
            name,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(name) is not { } wanted)
            {
                context.Write(string.Join("\n", SchemaCatalog.Names) + "\n");
                return ExitCodes.Success;
            }

            if (!context.TryGet(SchemaCatalog.Read(wanted), out var text))
            {
                return ExitCodes.BadInput;
            }

            context.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }
}
