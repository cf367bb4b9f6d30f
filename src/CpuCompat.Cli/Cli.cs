using System.CommandLine;
using CpuCompat.Cli.Commands;
using CpuCompat.Cli.Commands.Db;
using CpuCompat.Cli.Commands.Pool;
using CpuCompat.Cli.Infrastructure;

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
        var context = new CliContext(output, error, input ?? TextReader.Null, terminal, stdin);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var path = command == root ? "cpucompat" : $"cpucompat {string.Join(' ', CommandPath(command, root))}";
            error.WriteLine($"cpucompat: {parse.Errors[0].Message} (see '{path} --help')");
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

    internal static RootCommand BuildRoot(CliContext context) => new("""
        CpuCompat: which CPU model may a guest see, so that it can run on and live-migrate between these hosts?
        libvirt's answers (host-model, cpu-baseline, cpu-compare, guest CPU update), from raw CPUID data or CPU
        definitions, with libvirt 11.3.0's models built in or any libvirt cpu_map (--cpu-map).
        """)
    {
        HostModelCommand.Create(context),
        CpuBaselineCommand.Create(context),
        CpuCompareCommand.Create(context),
        UpdateCpuCommand.Create(context),
        FeatureCommand.Create(context),
        ExplainCommand.Create(context),
        ConvertCommand.Create(context),
        CapabilitiesCommand.Create(context),
        TopologyCommand.Create(context),
        VirtCheckCommand.Create(context),
        DomCapabilitiesCommand.Create(context),
        CpuModelsCommand.Create(context),
        HypervisorCpuBaselineCommand.Create(context),
        HypervisorCpuCompareCommand.Create(context),
        PoolCommand.Create(context),
        CheckCommand.Create(context),
        DbCommand.Create(context),
        SchemaCommand.Create(context),
        CompletionCommand.Create(context),
    };

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
