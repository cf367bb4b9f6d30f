using CpuCompat.Cli.Tests.Support;
using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Data;
using CpuCompat.Language.Compilation;
using CpuCompat.Libvirt.CpuMap;
using CpuCompat.TestSupport;
using CpuCompat.TestSupport.Generators;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Db;

/// <summary>The importer's contract: a cpu_map loaded directly and its imported DSL compiled are the same database.</summary>
public sealed class DbImportCpumapCommandTests
{
    [Theory]
    [InlineData("9.0.0")]
    [InlineData("11.3.0")]
    public void Imported_dsl_compiles_to_the_database_of_the_cpu_map(string version)
    {
        using var dir = new TempDirectory();
        var map = SharedData.CpuMapDir(version);
        var result = CliRun.InProcess("db", "import-cpumap", map, "--output", dir.Path);
        Assert.Equal(0, result.ExitCode);

        var compiled = DslCompiler.Compile([dir.Path]);
        Assert.Empty(compiled.Errors);
        var direct = CpuMapLoader.Load(map).Database!;
        Assert.Empty(DatabaseComparer.Compare(direct, compiled.Database!));
    }

    [Fact]
    public void Built_in_database_is_libvirt_11_3_map_plus_the_rules()
    {
        var map = CpuMapLoader.Load(SharedData.CpuMapDir("11.3.0")).Database!;
        var builtIn = DefaultDatabase.Value;
        Assert.Empty(DatabaseComparer.Compare(map, builtIn, new CompareOptions { AllowExtraAliases = true }));
        Assert.Equal(["broken-tsx"], builtIn.X86!.Rules.Select(r => r.Name));
        Assert.NotEmpty(builtIn.X86.Dependencies);
    }

    [Fact]
    public void Built_in_database_is_what_data_compiles_to()
    {
        var compiled = DslCompiler.Compile([RepositoryRoot.File("data")]);
        Assert.Empty(compiled.Errors);
        Assert.Empty(DatabaseComparer.Compare(compiled.Database!, DefaultDatabase.Value, new CompareOptions { IncludePolicies = true }));
    }

    [Fact]
    public void Reimport_replaces_generated_files_with_force_and_keeps_hand_written_ones()
    {
        using var dir = new TempDirectory();
        var map = SharedData.CpuMapDir("11.3.0");
        Assert.Equal(0, CliRun.InProcess("db", "import-cpumap", map, "--output", dir.Path).ExitCode);
        var own = dir.Write("x86_64/999-mine.ccl", "arch x86_64;\npool p { require avx2; }\n");
        var stale = dir.Write("x86_64/500-stale.ccl", $"{CpuCompat.Loading.CpuMapImport.GeneratedMarker} earlier.\narch x86_64;\n");
        var again = CliRun.InProcess("db", "import-cpumap", map, "--output", dir.Path);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("pass --force", again.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(stale));
        Assert.Equal(0, CliRun.InProcess("db", "import-cpumap", map, "--output", dir.Path, "--force").ExitCode);
        Assert.True(File.Exists(own));
        Assert.False(File.Exists(stale));
    }

    /// <summary>
    /// Random databases, written as libvirt cpu_maps: importing the map and compiling the DSL gives exactly what
    /// loading the map gives, and (when the writer could express everything) the database that was written.
    /// </summary>
    [Fact]
    public void Import_then_compile_round_trips_random_databases()
    {
        var sets = RandomDeclarations.SetGen.Select(s => s.Declarations).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(sets, declarations =>
        {
            var original = DatabaseBinder.Bind(declarations).Database!;
            using var dir = new TempDirectory();
            var mapDir = Path.Combine(dir.Path, "map");
            var written = CpuMapWriter.Write(original, mapDir);
            var direct = CpuMapLoader.Load(mapDir);
            Assert.True(direct.Database is not null, string.Join("\n", direct.Diagnostics));

            var dslDir = Path.Combine(dir.Path, "dsl");
            var imported = CliRun.InProcess("db", "import-cpumap", mapDir, "--output", dslDir);
            Assert.True(imported.ExitCode == 0, imported.ToString());
            var compiled = DslCompiler.Compile([dslDir]);
            Assert.True(compiled.Database is not null, string.Join("\n", compiled.Errors));
            Assert.Empty(DatabaseComparer.Compare(direct.Database!, compiled.Database!));
            if (written.Diagnostics.IsEmpty)
            {
                Assert.Empty(DatabaseComparer.Compare(original, compiled.Database!));
            }
        }));
    }
}
