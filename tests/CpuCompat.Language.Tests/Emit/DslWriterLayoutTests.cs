using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Compilation;
using CpuCompat.Language.Emit;
using CpuCompat.Language.Tests.TestSupport;
using CpuCompat.TestSupport;

namespace CpuCompat.Language.Tests.Emit;

/// <summary>How a whole database is split into the files of <c>data/</c>.</summary>
public class DslWriterLayoutTests
{
    private static readonly string[] X86Models =
    [
        "486", "486-v1", "pentium", "Haswell-noTSX", "Haswell-noTSX-IBRS", "Haswell", "Haswell-IBRS", "Haswell-v1", "Haswell-v2",
        "Haswell-v3", "Haswell-v4", "Skylake-Client", "Skylake-Client-IBRS", "Skylake-Client-noTSX-IBRS", "Skylake-Client-v1",
        "EPYC", "EPYC-IBPB", "EPYC-v1", "EPYC-Rome", "EPYC-Rome-v2", "Haswell-v5",
    ];

    private static List<Declaration> Database()
    {
        static NameRef N(string name) => new(name, default);
        var x86 = ArchFamily.X86;
        return
        [
            new CompatDeclaration("11.3.0", default),
            new VendorDeclaration(x86, N("Intel"), "GenuineIntel", null, default),
            new FeatureDeclaration(x86, N("fpu"), [new FeatureBitsSyntax(DataKey.Cpuid(1), new Registers(0, 0, 0, 1), default)], true, [], default),
            .. X86Models.Select(m => new ModelDeclaration(x86, N(m), null, N("Intel"), [], true, true, false, [new ModelFeatureRef(N("fpu"), ModelFeatureKind.Include)], [], default)),
            new RuleDeclaration(x86, N("r"), new CompareCondition(SignatureField.Family, CompareOperator.Equal, 6, default), [N("fpu")], default),
            new DependencyDeclaration(x86, [N("fpu")], [N("fpu")], default),
            new AliasDeclaration(x86, N("fpu"), [new FeatureAliasSyntax("x87", "linux", default)], default),
            new PoolDeclaration(x86, N("p"), [], [N("fpu")], [], [], null, false, default),
            new VendorDeclaration(ArchFamily.Ppc64, N("IBM"), null, null, default),
            new ModelDeclaration(ArchFamily.Ppc64, N("POWER8"), null, N("IBM"), [], true, true, false, [], [new PvrSyntax(0x4b0000, 0xffff0000, default)], default),
            new FeatureDeclaration(ArchFamily.Arm, N("sve"), [], true, [], default),
        ];
    }

    [Fact]
    public void Files_are_numbered_by_kind_and_model_family_in_map_order()
    {
        var paths = DslWriter.WriteLayout(Database()).Select(f => f.RelativePath);

        Assert.Equal(
        [
            "compat.ccl",
            "x86_64/000-vendors.ccl", "x86_64/001-features.ccl",
            "x86_64/010-486.ccl", "x86_64/011-pentium.ccl", "x86_64/012-haswell.ccl", "x86_64/013-skylake-client.ccl",
            "x86_64/014-epyc.ccl", "x86_64/015-epyc-rome.ccl", "x86_64/016-haswell.ccl",
            "x86_64/900-rules.ccl", "x86_64/910-dependencies.ccl", "x86_64/920-aliases.ccl", "x86_64/930-pools.ccl",
            "ppc64/000-vendors.ccl", "ppc64/010-power8.ccl",
            "aarch64/001-features.ccl",
        ],
            paths);
    }

    [Fact]
    public void A_family_file_holds_its_run_of_models_in_order()
    {
        var haswell = DslWriter.WriteLayout(Database()).Single(f => f.RelativePath == "x86_64/012-haswell.ccl").Text;

        var models = Dsl.Declarations(haswell).OfType<ModelDeclaration>().Select(m => m.Name.Name);

        Assert.Equal(X86Models[3..11], models);
    }

    [Fact]
    public void Every_file_starts_with_a_one_line_header_then_its_arch()
    {
        foreach (var (path, text) in DslWriter.WriteLayout(Database()))
        {
            var lines = text.Split('\n');
            Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
            Assert.DoesNotContain("#", lines[1], StringComparison.Ordinal);
            if (path != "compat.ccl")
            {
                Assert.Equal($"arch {path[..path.IndexOf('/', StringComparison.Ordinal)]};", lines[1]);
            }
        }

        var headers = DslWriter.WriteLayout(Database()).ToDictionary(f => f.RelativePath, f => f.Text.Split('\n')[0]);
        Assert.Equal("# x86_64 CPU models of the Haswell family, in map order.", headers["x86_64/012-haswell.ccl"]);
        Assert.Equal("# x86_64 migration pool policies.", headers["x86_64/930-pools.ccl"]);
    }

    [Fact]
    public void Written_directory_compiles_to_the_same_database()
    {
        var original = DslCompiler.Compile([new DslSource("all.ccl", DslWriter.Write(Database()))]);
        using var dir = new TempDirectory();
        foreach (var (path, text) in DslWriter.WriteLayout(Database()))
        {
            dir.Write(path, text);
        }

        var rebuilt = DslCompiler.Compile([dir.Path]);

        Assert.Empty(original.Diagnostics);
        Assert.Empty(rebuilt.Diagnostics);
        Assert.Equal(original.Database!.X86!.ModelNames, rebuilt.Database!.X86!.ModelNames);
        Assert.Equal(original.Database.X86.FeatureNames, rebuilt.Database.X86.FeatureNames);
        Assert.Equal(original.Database.Ppc64!.ModelNames, rebuilt.Database.Ppc64!.ModelNames);
        Assert.Equal(original.Database.Arm!.FeatureNames, rebuilt.Database.Arm!.FeatureNames);
    }

    [Fact]
    public void More_than_890_model_families_widen_the_numbers_so_the_order_holds()
    {
        var models = Enumerable.Range(0, 900).Select(i => (Declaration)new ModelDeclaration(
            ArchFamily.Arm, new NameRef($"m{i}", default), null, null, [], true, true, false, [], [], default));
        var pools = new PoolDeclaration(ArchFamily.Arm, new NameRef("p", default), [], [], [], [], null, true, default);

        var paths = DslWriter.WriteLayout([.. models, pools]).Select(f => f.RelativePath).ToList();

        Assert.Equal("aarch64/0010-m0.ccl", paths[0]);
        Assert.Equal("aarch64/0909-m899.ccl", paths[^2]);
        Assert.Equal("aarch64/9930-pools.ccl", paths[^1]);
        Assert.Equal(paths, paths.Order(StringComparer.Ordinal));
    }
}
