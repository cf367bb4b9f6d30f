using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Serialization;
using CpuCompat.Language.Compilation;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands.Db;

/// <summary><c>cpucompat db compile PATH... --output FILE</c>: compile DSL into a binary database for <c>--database</c>.</summary>
internal static class DbCompileCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "DSL files or directories.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>(CliConstants.Output) { Description = "The .ccdb file to write.", HelpName = "FILE", Required = true };
        var json = CliOptions.Json();
        var force = OutputFiles.Force();
        var command = new Command("compile", """
            Compile DSL files into a binary database (.ccdb) that any command loads with --database without parsing.

            Example:
              cpucompat db compile data/ data/examples/fleet-policy.ccl --output fleet.ccdb
            """)
        {
            paths, output, json, force,
        };
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(paths)!;
            if (inputs.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
            {
                return context.Fail($"{missing} does not exist");
            }

            var compiled = DslCompiler.Compile(inputs);
            if (compiled.Database is null)
            {
                return context.Fail(compiled.Diagnostics.First(d => d.IsError));
            }

            var file = parse.GetValue(output)!;
            if (!OutputFiles.TryWriteFile(context, file, DatabaseWriter.ToBytes(compiled.Database), parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            context.Write(parse.GetValue(json)
                ? DatabaseJson.Summary("compile", null, file, null, compiled.Database)
                : $"compiled {DatabaseText.Summary(compiled.Database)} -> {file}\n");
            return ExitCodes.Success;
        });
        return command;
    }
}
