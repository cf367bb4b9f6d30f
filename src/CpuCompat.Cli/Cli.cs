using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using CpuCompat.Cli.Commands;
using CpuCompat.Cli.Commands.Db;
using CpuCompat.Cli.Commands.Pool;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Cli;

/// <summary>
/// The command tree and the conventions around it: parse errors are one line on stderr with exit code 2, and a
/// bug surfaces as one line with exit code 3 rather than a stack trace. Streams are parameters so tests run the
/// real command line in-process.
/// </summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        // Fleets read standard input as bytes; the real console's is a stream, a test's injected reader is not.
        var stdin = ReferenceEquals(input, Console.In) ? Console.OpenStandardInput() : null;
        using var interruption = ReferenceEquals(output, Console.Out) ? Interruption.ForProcess() : Interruption.None();
        var context = new CliContext(output, error, input ?? TextReader.Null, terminal, stdin, interruption);
        var root = BuildRoot(context, args);
        var parse = root.Parse(args);
        var mistake = parse.Errors.Count > 0 ? UsageMistake(parse, root) ?? parse.Errors[0].Message : OptionTakenForFile(parse);
        if (mistake is not null)
        {
            var command = parse.CommandResult.Command;
            var path = command == root ? "cpucompat" : $"cpucompat {string.Join(' ', CommandPath(command, root))}";
            error.WriteLine($"cpucompat: {mistake} (see '{path} --help')");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"cpucompat: internal error: {e.GetType().Name}: {e.Message} (this is a bug in CpuCompat; please report it with the command line)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The top-level commands, by name. Building a command makes its options and help texts, and start-up is a good
    /// part of a single answer's time: a run builds only the command it names (see <see cref="BuildRoot"/>).
    /// </summary>
    internal static readonly ImmutableArray<(string Name, Func<CliContext, Command> Create)> Commands =
    [
        ("host-model", HostModelCommand.Create),
        ("cpu-baseline", CpuBaselineCommand.Create),
        ("cpu-compare", CpuCompareCommand.Create),
        ("update-cpu", UpdateCpuCommand.Create),
        ("feature", FeatureCommand.Create),
        ("explain", ExplainCommand.Create),
        ("convert", ConvertCommand.Create),
        ("capabilities", CapabilitiesCommand.Create),
        ("topology", TopologyCommand.Create),
        ("virt-check", VirtCheckCommand.Create),
        ("domcapabilities", DomCapabilitiesCommand.Create),
        ("cpu-models", CpuModelsCommand.Create),
        ("hypervisor-cpu-baseline", HypervisorCpuBaselineCommand.Create),
        ("hypervisor-cpu-compare", HypervisorCpuCompareCommand.Create),
        ("diff", DiffCommand.Create),
        ("pool", PoolCommand.Create),
        ("check", CheckCommand.Create),
        ("db", DbCommand.Create),
        ("schema", SchemaCommand.Create),
        ("completion", CompletionCommand.Create),
    ];

    /// <summary>
    /// The command tree for <paramref name="args"/>: when the first argument names a command, only that command is
    /// built (what it parses and prints is the same as in the whole tree); otherwise (root help, a mistyped
    /// command, completion scripts, which list everything) the whole tree.
    /// </summary>
    internal static RootCommand BuildRoot(CliContext context, IReadOnlyList<string>? args = null)
    {
        var only = args is [var first, ..] && first != "completion" && Commands.Any(c => c.Name == first) ? first : null;
        var root = new RootCommand("""
            CpuCompat: which CPU model may a guest see, so that it can run on and live-migrate between these hosts?
            libvirt's answers (host-model, cpu-baseline, cpu-compare, guest CPU update), from raw CPUID data or CPU
            definitions, with libvirt 11.3.0's models built in or any libvirt cpu_map (--cpu-map).
            """);
        foreach (var (name, create) in Commands)
        {
            if (only is null || name == only)
            {
                root.Subcommands.Add(create(context));
            }
        }

        return root;
    }

    /// <summary>
    /// Says what was mistyped, with the nearest name, where the parser would only say that something is missing or
    /// unrecognised: a command that does not exist, a command group without its command, an unknown option.
    /// </summary>
    private static string? UsageMistake(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        var path = command == root ? "cpucompat" : $"cpucompat {string.Join(' ', CommandPath(command, root))}";
        var unknown = parse.UnmatchedTokens.FirstOrDefault();
        if (unknown is not null && unknown.StartsWith('-') && unknown.Length > 1)
        {
            return $"unknown option '{unknown}'{NameSuggester.Hint(unknown, OptionNames(command))}";
        }

        if (command.Subcommands.Count == 0)
        {
            return null;
        }

        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        return unknown is null
            ? $"'{path}' needs a command: {string.Join(", ", names)}"
            : $"unknown command '{unknown}'{NameSuggester.Hint(unknown, names)}";
    }

    /// <summary>
    /// An argument that looks like an option (<c>--featurs</c>) and is no file: a mistyped option, which the parser
    /// took for a file name because the command takes files. A file really named so is still read (or use <c>./</c>).
    /// </summary>
    private static string? OptionTakenForFile(ParseResult parse)
    {
        for (SymbolResult? at = parse.CommandResult; at is CommandResult result; at = at.Parent)
        {
            foreach (var argument in result.Children.OfType<ArgumentResult>())
            {
                foreach (var token in argument.Tokens)
                {
                    var value = token.Value;
                    if (value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && !File.Exists(value) && !Directory.Exists(value))
                    {
                        return $"unknown option '{value}'{NameSuggester.Hint(value, OptionNames(result.Command))}";
                    }
                }
            }
        }

        return null;
    }

    private static List<string> OptionNames(Command command) =>
        [.. command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-'))];

    private static IEnumerable<string> CommandPath(Command command, RootCommand root)
    {
        var names = new List<string>();
        for (Command? at = command; at is not null && at != root; at = at.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, at.Name);
        }

        return names;
    }
}
