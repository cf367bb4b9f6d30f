using System.CommandLine;
using System.Text;
using CpuCompat.Cli.Json;
using CpuCompat.Language.Compilation;

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
              cpucompat db check data/ my-pools.ccl
            """)
        {
            paths, json,
        };
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(paths)!;
            var missing = inputs.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
            if (missing is not null)
            {
                return context.Fail($"{missing} does not exist");
            }

            var compiled = DslCompiler.Compile(inputs);
            var text = new StringBuilder();
            foreach (var d in compiled.Diagnostics)
            {
                text.Append(d).Append('\n');
            }

            var errors = compiled.Diagnostics.Count(d => d.IsError);
            var warnings = compiled.Diagnostics.Length - errors;
            if (parse.GetValue(json))
            {
                context.Write(JsonText.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", errors == 0);
                    w.WriteNumber("errors", errors);
                    w.WriteNumber("warnings", warnings);
                    w.WriteStartArray("diagnostics");
                    foreach (var d in compiled.Diagnostics)
                    {
                        CpuJson.WriteDiagnostic(w, d);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return errors > 0 ? ExitCodes.BadInput : ExitCodes.Success;
            }

            if (compiled.Database is { } db)
            {
                text.Append($"ok: {DatabaseSummary.Text(db)}");
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
