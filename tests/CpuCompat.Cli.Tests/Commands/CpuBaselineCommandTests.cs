using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands;

public sealed class CpuBaselineCommandTests
{
    private static readonly string Pool = RepositoryRoot.File("data/examples/pool-east.xml");

    [Fact]
    public void Baseline_of_the_example_pool_is_the_oldest_model_with_the_common_features()
    {
        var result = CliRun.InProcess("cpu-baseline", Pool);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<cpu mode='custom' match='exact'>\n  <model fallback='allow'>Skylake-Server-IBRS</model>\n  <vendor>Intel</vendor>\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<feature policy='require' name='invtsc'/>", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("name='dca'", result.Stdout, StringComparison.Ordinal); // the Ice Lake host lacks it
    }

    [Fact]
    public void Migratable_leaves_out_features_that_block_migration()
    {
        var result = CliRun.InProcess("cpu-baseline", Pool, "--migratable");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("invtsc", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("xsaves", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Features_lists_every_feature_sorted_by_name()
    {
        var result = CliRun.InProcess("cpu-baseline", "--features", Pool);
        var names = result.Stdout.Split('\n').Where(l => l.Contains("<feature", StringComparison.Ordinal))
            .Select(l => l.Split("name='")[1].Split('\'')[0]).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("avx512f", names);
    }

    [Theory]
    [InlineData("simple", "result", "")]
    [InlineData("features", "expanded", "--features")]
    [InlineData("Westmere+Nehalem", "migratable", "--migratable")]
    public void Baseline_files_of_libvirts_suite_give_libvirts_answer(string name, string suffix, string flag)
    {
        string[] args = ["cpu-baseline", SharedData.TestDataFile("11.3.0", $"x86_64-baseline-{name}.xml"), .. flag.Length > 0 ? new[] { flag } : []];
        var result = CliRun.InProcess(args);
        Assert.Equal(File.ReadAllText(SharedData.TestDataFile("11.3.0", $"x86_64-baseline-{name}-{suffix}.xml")), result.Stdout);
    }

    [Fact]
    public void Incompatible_vendors_fail_with_one_line()
    {
        var file = SharedData.TestDataFile("11.3.0", "x86_64-baseline-incompatible-vendors.xml");
        var result = CliRun.InProcess("cpu-baseline", file);
        Assert.Equal(2, result.ExitCode);
        // The second <cpu>, on line 8, is the first whose vendor differs.
        Assert.Equal($"cpucompat: {file}:8: CPU vendors do not match\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Standard_input_is_read_for_a_dash()
    {
        var result = CliRun.InProcessWithInput(File.ReadAllText(Pool), "cpu-baseline", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CliRun.InProcess("cpu-baseline", Pool).Stdout, result.Stdout);
    }

    [Fact]
    public void Unknown_model_is_an_error_with_a_suggestion()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("cpu.xml", "<cpu><arch>x86_64</arch><model>Skylake-Servr</model></cpu>");
        var result = CliRun.InProcess("cpu-baseline", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cpucompat: {file}:1: unknown CPU model 'Skylake-Servr' — did you mean 'Skylake-Server'?\n", result.Stderr);
    }
}
