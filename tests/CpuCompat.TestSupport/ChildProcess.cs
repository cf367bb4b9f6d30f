using System.Diagnostics;
using System.Globalization;

namespace CpuCompat.TestSupport;

/// <summary>What a child process did: its exit code, its output, and (when measured) its peak memory and wall time.</summary>
public sealed record ChildResult(int ExitCode, string Stdout, string Stderr, long? PeakRssKiB, TimeSpan Elapsed);

/// <summary>
/// Runs a program as a child process with a time limit, optionally under GNU <c>time</c> so that its peak resident
/// memory is known: limits on time and memory are checked on the child, never on the test run itself.
/// </summary>
public static class ChildProcess
{
    private const string GnuTime = "/usr/bin/time";

    /// <summary>The <c>dotnet</c> host running the tests.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Whether peak memory can be measured here (GNU time is installed; .ci/run installs it).</summary>
    public static bool CanMeasureMemory => File.Exists(GnuTime);

    public static ChildResult Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, string? stdin = null,
        TimeSpan? timeout = null, bool measureMemory = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var marker = measureMemory ? new TempDirectory() : null;
        var report = marker is null ? null : Path.Combine(marker.Path, "rusage");
        var start = new ProcessStartInfo(report is null ? program : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (report is not null)
        {
            foreach (var a in new[] { "-f", "%M", "-o", report, program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout ?? TimeSpan.FromMinutes(2)}");
        }

        process.WaitForExit();
        clock.Stop();
        long? peak = report is not null && File.Exists(report)
            && long.TryParse(File.ReadLines(report).LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
        return new ChildResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), peak, clock.Elapsed);
    }

    /// <summary>Runs bash with <paramref name="script"/>.</summary>
    public static ChildResult Bash(string script, string? workingDirectory = null, TimeSpan? timeout = null) =>
        Run("bash", ["-c", script], workingDirectory, timeout: timeout);
}
