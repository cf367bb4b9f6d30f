using System.CommandLine;
using System.Text;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Language.Compilation;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db check PATH...</c>: compile DSL files and print every diagnostic.</summary>
internal static class DbCheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "DSL files (.ccl) or directories (every .ccl file below them, in path order).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CliOptions.Json();
        var command = new Command("check", """
            Compile DSL files and print every diagnostic as file:line:column: severity code: message.
            Exit code: 0 when there are no errors (warnings allowed), 2 when there are errors.

            Example:
              cpucompat db check data/ data/examples/fleet-policy.ccl
            """)
        {
            paths, json,
        };
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(paths)!;
            if (inputs.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
            {
                return context.Fail($"{missing} does not exist");
            }

            var compiled = DslCompiler.Compile(inputs);
            var errors = compiled.Diagnostics.Count(d => d.IsError);
            var warnings = compiled.Diagnostics.Length - errors;
            if (parse.GetValue(json))
            {
                context.Write(DatabaseJson.Check(compiled.Diagnostics));
                return errors > 0 ? ExitCodes.BadInput : ExitCodes.Success;
            }

            var text = new StringBuilder();
            foreach (var d in compiled.Diagnostics)
            {
                text.Append(d).Append('\n');
            }

            if (compiled.Database is { } db)
            {
                text.Append($"ok: {DatabaseText.Summary(db)}");
                text.Append(warnings > 0 ? $" ({warnings} warnings)\n" : "\n");
            }

            context.Write(text.ToString());
            if (errors > 0)
            {
                context.Err.WriteLine($"cpucompat: {errors} errors, {warnings} warnings");
                return ExitCodes.BadInput;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
