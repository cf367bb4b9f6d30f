using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests;

/// <summary>
/// The same input gives byte-identical output whatever the order of the input files, the culture and the time zone:
/// the real binary runs as a child under each environment (the app sets invariant globalization; these runs prove
/// that nothing reads the culture or the clock's zone anyway).
/// </summary>
public sealed class DeterminismTests
{
    private static readonly Dictionary<string, string>[] Environments =
    [
        new() { ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8", ["TZ"] = "UTC" },
        new() { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["TZ"] = "Pacific/Kiritimati", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "" },
        new() { ["LANG"] = "tr_TR.UTF-8", ["LC_ALL"] = "tr_TR.UTF-8", ["TZ"] = "America/St_Johns", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "" },
    ];

    private static string Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(AppContext.BaseDirectory, "cpucompat.dll"), .. args], environment: environment);
        Assert.True(result.ExitCode is 0 or 1, $"cpucompat {string.Join(' ', args)}: exit {result.ExitCode}\n{result.Stderr}");
        return result.Stdout;
    }

    [Theory]
    [InlineData("text")]
    [InlineData("--json")]
    public void Cpu_baseline_of_a_set_ignores_file_order_culture_and_time_zone(string format)
    {
        // Three hosts of one cluster of the example fleet, each as its own <cpu> file.
        using var dir = new TempDirectory();
        var files = File.ReadLines(RepositoryRoot.File("data/examples/fleet.jsonl")).Take(3)
            .Select((line, i) => dir.Write($"host{i}.xml", System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("cpu").GetString()!))
            .ToArray();
        string[] Args(IEnumerable<string> order) => ["cpu-baseline", .. order, .. format == "text" ? Array.Empty<string>() : [format]];

        var expected = Run(Environments[0], Args(files));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Run(Environments[0], Args(files.Reverse())));
        Assert.Equal(expected, Run(Environments[1], Args([files[1], files[0], .. files[2..]])));
        Assert.Equal(expected, Run(Environments[2], Args([.. files[2..], files[0], files[1]])));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("--json")]
    [InlineData("--html")]
    public void Pool_baseline_ignores_line_order_culture_and_time_zone(string format)
    {
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(RepositoryRoot.File("data/examples/fleet.jsonl")).Where(l => l.Length > 0).ToArray();
        var forward = dir.Write("forward.jsonl", string.Join('\n', lines) + "\n");
        var backward = dir.Write("backward.jsonl", string.Join('\n', lines.Reverse()) + "\n");
        string[] Args(string fleet, string output) => format switch
        {
            "text" => ["pool", "baseline", "--fleet", fleet, "--by", "cluster"],
            "--html" => ["pool", "baseline", "--fleet", fleet, "--by", "cluster", "--html", output],
            _ => ["pool", "baseline", "--fleet", fleet, "--by", "cluster", format],
        };

        var outputs = new List<string>();
        for (var i = 0; i < Environments.Length; i++)
        {
            var output = dir.File($"out{i}.html");
            var stdout = Run(Environments[i], Args(i % 2 == 0 ? forward : backward, output));
            // The fleet's file name is part of a report; both orders are named alike for the comparison.
            outputs.Add((format == "--html" ? File.ReadAllText(output) : stdout).Replace("backward.jsonl", "forward.jsonl", StringComparison.Ordinal));
        }

        Assert.NotEmpty(outputs[0]);
        Assert.All(outputs, o => Assert.Equal(outputs[0], o));
    }
}
