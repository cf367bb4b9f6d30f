using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CpuCompat.Benchmarks.Peer;

namespace CpuCompat.Benchmarks;

/// <summary>
/// Whole-process cold start, as a user or a CI job runs CpuCompat: the NativeAOT binary started as a process, to
/// its exit (<c>--version</c> alone is the floor: runtime start and no database). The binary is
/// <c>CPUCOMPAT_NATIVE</c>, else <c>artifacts/native/cpucompat</c>
/// (<c>dotnet publish src/CpuCompat.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/native</c>).
/// </summary>
public class ProcessBenchmarks
{
    private string _binary = "";

    [ParamsSource(nameof(Commands))]
    public string Command { get; set; } = "--version";

    public static IEnumerable<string> Commands()
    {
        yield return "--version";
        yield return "cpu-baseline data/examples/pool-east.xml";
        if (PeerInputs.CpuMap is { } map)
        {
            yield return $"cpu-baseline data/examples/pool-east.xml --cpu-map {map}";
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _binary = Environment.GetEnvironmentVariable("CPUCOMPAT_NATIVE") is { Length: > 0 } set
            ? set
            : Path.Combine(EngineBenchmarks.RepoRoot(), "artifacts", "native", "cpucompat");
        if (!File.Exists(_binary) && DryRun.Requested)
        {
            // CI publishes no NativeAOT binary; its dry run checks the benchmark with the build's own executable.
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            _binary = Path.Combine(EngineBenchmarks.RepoRoot(), "src", "CpuCompat.Cli", "bin", configuration, "net10.0", "cpucompat");
        }

        if (!File.Exists(_binary))
        {
            throw new InvalidOperationException($"no NativeAOT binary at {_binary}: publish it (see perf/README.md) or set CPUCOMPAT_NATIVE");
        }

        if (Start() != 0)
        {
            throw new InvalidOperationException($"'{_binary} {Command}' failed");
        }
    }

    [Benchmark]
    public int Run() => Start();

    private int Start()
    {
        var start = new ProcessStartInfo(_binary, Command.Split(' '))
        {
            WorkingDirectory = EngineBenchmarks.RepoRoot(),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
