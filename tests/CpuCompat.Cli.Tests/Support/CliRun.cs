using CpuCompat.TestSupport;

namespace CpuCompat.Cli.Tests.Support;

/// <summary>What a run of the command line gave: exit code and both streams.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the real command line, in-process (fast, most tests) or as a child process (exit codes, streams, no stack traces).</summary>
public static class CliRun
{
    public static CliResult InProcess(params string[] args) => InProcessWithInput("", args);

    public static CliResult InProcessWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CpuCompat.Cli.Cli.Run(args, output, error, new StringReader(stdin));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>dotnet cpucompat.dll ARGS</c> from the test output directory.</summary>
    public static CliResult Process(params string[] args)
    {
        var result = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(AppContext.BaseDirectory, "cpucompat.dll"), .. args]);
        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }
}
