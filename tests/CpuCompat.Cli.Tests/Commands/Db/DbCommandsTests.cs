using CpuCompat.Cli.Tests.Support;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Data;
using CpuCompat.Libvirt.CpuMap;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Db;

public sealed class DbCommandsTests
{
    [Fact]
    public void Check_of_the_built_in_data_is_clean_apart_from_known_warnings()
    {
        var result = CliRun.InProcess("db", "check", RepositoryRoot.File("data"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok: x86_64 3 vendors, 364 features, 150 models, 1 rules", result.Stdout, StringComparison.Ordinal);

        // libvirt's (and QEMU's) Icelake-Client lists AVX-512 extensions without avx512f: a real finding, kept as a warning.
        Assert.All(result.Stdout.Split('\n').Where(l => l.Contains(": warning CC", StringComparison.Ordinal)),
            l => Assert.Contains("Icelake-Client", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_reports_every_error_with_its_location_and_exits_2()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("bad.ccl", """
            arch x86_64;
            feature a = cpuid(0x1).exx[3];
            feature b = cpuid(0x1).ecx[40];
            model M { features avx512; }
            """);
        var result = CliRun.InProcess("db", "check", file);
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"{file}:2:", StringComparison.Ordinal) && l.Contains("CC1006", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{file}:3:", StringComparison.Ordinal) && l.Contains("CC1007", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{file}:4:20:", StringComparison.Ordinal) && l.Contains("unknown feature 'avx512'", StringComparison.Ordinal));
        Assert.StartsWith("cpucompat: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_lists_features_and_where_they_come_from()
    {
        var result = CliRun.InProcess("db", "show", "Haswell-v2");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("alias of:       Haswell-noTSX", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("decode:         host only", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n    avx2 +from Haswell-noTSX\n", result.Stdout);
    }

    [Fact]
    public void Show_names_the_rule_that_drops_a_feature()
    {
        var result = CliRun.InProcess("db", "show", "Haswell");
        Assert.Matches(@"\n    hle +own; dropped by rule broken-tsx when \(vendor Intel and family = 6", result.Stdout);
    }

    [Fact]
    public void Show_of_an_unknown_model_suggests_one()
    {
        var result = CliRun.InProcess("db", "show", "haswell");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cpucompat: unknown CPU model 'haswell' — did you mean 'Haswell'?\n", result.Stderr);
    }

    [Fact]
    public void Compiled_database_loads_with_database_option()
    {
        using var dir = new TempDirectory();
        var file = dir.File("data.ccdb");
        Assert.Equal(0, CliRun.InProcess("db", "compile", RepositoryRoot.File("data"), "--output", file).ExitCode);
        var viaFile = CliRun.InProcess("cpu-baseline", RepositoryRoot.File("data/examples/pool-east.xml"), "--database", file);
        var builtIn = CliRun.InProcess("cpu-baseline", RepositoryRoot.File("data/examples/pool-east.xml"));
        Assert.Equal(0, viaFile.ExitCode);
        Assert.Equal(builtIn.Stdout, viaFile.Stdout);
    }

    [Fact]
    public void Compile_reports_what_it_wrote_in_json()
    {
        using var dir = new TempDirectory();
        var result = CliRun.InProcess("db", "compile", RepositoryRoot.File("data"), "--output", dir.File("db.ccdb"), "--json");
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var x86 = doc.RootElement.GetProperty("architectures")[0];
        Assert.Equal("x86_64", x86.GetProperty("arch").GetString());
        Assert.Equal(150, x86.GetProperty("models").GetInt32());
        Assert.Equal("11.3.0", doc.RootElement.GetProperty("libvirt").GetString());
    }

    [Fact]
    public void Exported_cpu_map_loads_back_as_the_same_database()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.InProcess("db", "export-cpumap", "--output", dir.Path).ExitCode);
        var loaded = CpuMapLoader.Load(dir.Path).Database!;
        Assert.Empty(DatabaseComparer.Compare(loaded, DefaultDatabase.Value, new CompareOptions { AllowExtraAliases = true }));
    }
}
