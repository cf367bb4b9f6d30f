using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Language.Compilation;
using CpuCompat.Language.Diagnostics;
using CpuCompat.Language.Tests.TestSupport;
using CpuCompat.TestSupport;

namespace CpuCompat.Language.Tests.Compilation;

public class DslCompilerTests
{
    private const string Features = """
        arch x86_64;
        vendor Intel "GenuineIntel";
        feature avx2 = cpuid(0x7).ebx[5];
        feature avx512f = cpuid(0x7).ebx[16];
        feature hle = cpuid(0x7).ebx[4];
        """;

    /// <summary>Compiles the shared features (lines 1-5) followed by <paramref name="lines"/> (line 6 on).</summary>
    private static DslCompilation CompileAfterFeatures(params string[] lines) => Dsl.Compile(Features + "\n" + string.Join("\n", lines));

    [Fact]
    public void Valid_sources_compile_to_a_database()
    {
        var compilation = Dsl.Compile(Samples.Everything);

        Assert.Empty(compilation.Diagnostics);
        var x86 = compilation.Database!.X86!;
        var haswell = x86.FindModel("Haswell-noTSX")!;
        Assert.Equal(["aes", "apic", "avx", "avx2"], x86.NamesOf(haswell.Features));
        Assert.Equal("Haswell-v1", haswell.CanonicalName);
        Assert.Equal(LibvirtGeneration.Libvirt11, compilation.Database.Generation);
        Assert.NotNull(compilation.Database.Ppc64!.FindModel("POWER8"));
        Assert.NotNull(compilation.Database.Arm!.FindFeature("sve"));
    }

    [Fact]
    public void First_example_of_the_language_reference_compiles()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "grammar", "README.md"));
        var start = reference.IndexOf("```\n", StringComparison.Ordinal) + 4;
        var example = reference[start..reference.IndexOf("```", start, StringComparison.Ordinal)];

        var compilation = Dsl.Compile(example);

        Assert.Empty(compilation.Diagnostics);
        Assert.NotNull(compilation.Database!.X86!.FindPool("prod-east"));
    }

    [Fact]
    public void Unknown_feature_in_model_suggests_close_name()
    {
        var d = Assert.Single(CompileAfterFeatures("model M { features avx512g; }").Diagnostics);

        Assert.Equal((BindingCodes.UnknownFeature, "test.ccl:6:20"), (d.Code, d.Span.ToString()));
        Assert.Equal("unknown feature 'avx512g' — did you mean 'avx512f'?", d.Message);
    }

    [Fact]
    public void Unknown_ancestor_model_suggests_close_name()
    {
        var d = Assert.Single(CompileAfterFeatures("model Haswell { vendor Intel; }", "model Haswell-v1 : Haswel;").Diagnostics);

        Assert.Equal((BindingCodes.UnknownModel, "test.ccl:7:20"), (d.Code, d.Span.ToString()));
        Assert.EndsWith("did you mean 'Haswell'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_vendor_in_rule_suggests_close_name()
    {
        var d = Assert.Single(CompileAfterFeatures("rule r when vendor Intl drop hle;").Diagnostics);

        Assert.Equal((BindingCodes.UnknownVendor, "test.ccl:6:20"), (d.Code, d.Span.ToString()));
        Assert.EndsWith("did you mean 'Intel'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_declared_twice_only_once()
    {
        var compilation = CompileAfterFeatures(
            "feature avx2 = cpuid(0x7).ebx[6];",
            "vendor Intel \"AuthenticAMD\";",
            "model M;",
            "model M;");

        Assert.Equal(["CC2006 7:8", "CC2004 6:9", "CC2005 9:7"], Dsl.Locations(compilation.Diagnostics));
        Assert.Contains("is already defined at test.ccl:3:9", compilation.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Null(compilation.Database);
    }

    [Fact]
    public void Inheritance_cycle_is_reported_at_the_ancestor_name()
    {
        var d = Assert.Single(CompileAfterFeatures("model A : B { vendor Intel; }", "model B : A { vendor Intel; }").Diagnostics);

        Assert.Equal((BindingCodes.InheritanceCycle, "test.ccl:6:11"), (d.Code, d.Span.ToString()));
        Assert.StartsWith("inheritance cycle: A -> B -> A", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicting_compat_versions_are_reported_at_the_second()
    {
        var compilation = DslCompiler.Compile([new DslSource("a.ccl", "compat libvirt \"11.3.0\";"), new DslSource("b.ccl", "\ncompat libvirt \"9.0.0\";")]);

        var d = Assert.Single(compilation.Diagnostics);
        Assert.Equal((BindingCodes.ConflictingCompat, "b.ccl:2:1"), (d.Code, d.Span.ToString()));
    }

    [Fact]
    public void Features_sharing_a_bit_are_reported_at_the_second_feature()
    {
        var d = Assert.Single(CompileAfterFeatures("feature tsx = cpuid(0x7).ebx[4,11];").Diagnostics);

        Assert.Equal((BindingCodes.SharedFeatureBits, "test.ccl:6:9"), (d.Code, d.Span.ToString()));
        Assert.Contains("'hle'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_that_forbids_and_requires_a_feature_is_reported_at_its_name()
    {
        var d = Assert.Single(CompileAfterFeatures("pool prod { forbid hle avx2; require avx2; }").Diagnostics);

        Assert.Equal((BindingCodes.ConflictingPoolPolicy, "test.ccl:6:6"), (d.Code, d.Span.ToString()));
        Assert.Equal("pool 'prod' both forbids and requires 'avx2'; keep only one of them.", d.Message);
    }

    [Fact]
    public void Bad_register_and_bit_out_of_range_carry_file_line_and_column()
    {
        var compilation = CompileAfterFeatures("feature x = cpuid(0x1).rax[0];", "feature y = msr(0x10a).edx[32];");

        // The features are still declared (so uses of them resolve), but without a valid location the binder
        // adds that each needs one.
        Assert.Equal(
            ["test.ccl:6:24: error CC1006", "test.ccl:7:28: error CC1007", "test.ccl:6:9: error CC2018", "test.ccl:7:9: error CC2018"],
            compilation.Diagnostics.Select(d => d.ToString()[..(d.ToString().IndexOf("CC", StringComparison.Ordinal) + 6)]));
    }

    [Fact]
    public void All_errors_of_a_file_are_reported_syntax_first_then_binding()
    {
        var compilation = CompileAfterFeatures(
            "model A { features avx3 hle; vendor Itnel; }",
            "feature z = cpuid(0x1).ecx[40], cpuid(0x1).ecx[3];",
            "model A;",
            "pool p { forbid hle; require hle; prefer Nope; }",
            "feature w = cpuid(0x1).ecx[0]",
            "rule r when has avx2 drop avx5;");

        Assert.Equal(
            ["CC1007 7:28", "CC1001 10:30", "CC2005 8:7", "CC2003 6:37", "CC2001 6:20", "CC2001 11:27", "CC2013 9:6", "CC2002 9:42"],
            Dsl.Locations(compilation.Diagnostics));
        Assert.Null(compilation.Database);
    }

    [Fact]
    public void Syntax_errors_leave_no_database_even_when_binding_succeeds()
    {
        var compilation = CompileAfterFeatures("model M { vendor Intel }");

        Assert.Equal([SyntaxCodes.SyntaxError], compilation.Diagnostics.Select(d => d.Code));
        Assert.Null(compilation.Database);
        Assert.Contains(compilation.Declarations, d => d is Core.Declarations.ModelDeclaration);
    }

    [Fact]
    public void Names_resolve_across_files_whatever_their_order()
    {
        var compilation = DslCompiler.Compile(
        [
            new DslSource("models.ccl", "arch x86_64;\nmodel M : Base { features late; }\nmodel Base { vendor V; }"),
            new DslSource("features.ccl", "arch x86_64;\nvendor V \"GenuineIntel\";\nfeature late = cpuid(0x1).ecx[0];"),
        ]);

        Assert.Empty(compilation.Diagnostics);
        Assert.Equal("V", compilation.Database!.X86!.Vendors[compilation.Database.X86.FindModel("M")!.VendorId!.Value].Name);
    }

    [Fact]
    public void Errors_name_the_file_they_are_in()
    {
        var compilation = DslCompiler.Compile([new DslSource("a.ccl", "arch x86_64;"), new DslSource("dir/b.ccl", "arch x86_64;\nmodel M { features nope; }")]);

        Assert.Equal("dir/b.ccl:2:20", Assert.Single(compilation.Diagnostics).Span.ToString());
    }

    [Fact]
    public void Directory_compiles_its_ccl_files_recursively_in_ordinal_path_order()
    {
        using var dir = new TempDirectory();
        dir.Write("b/2.ccl", "arch x86_64; feature two = cpuid(0x1).ecx[2];");
        dir.Write("b/10.ccl", "arch x86_64; feature ten = cpuid(0x1).ecx[10];");
        dir.Write("a.ccl", "arch x86_64; feature a = cpuid(0x1).ecx[0];");
        dir.Write("B.ccl", "arch x86_64; feature upper = cpuid(0x1).ecx[1];");
        dir.Write("notes.txt", "not DSL");

        var compilation = DslCompiler.Compile([dir.Path]);

        Assert.Empty(compilation.Diagnostics);
        Assert.Equal(["upper", "a", "ten", "two"], compilation.Database!.X86!.FeatureNames);
        Assert.Equal(dir.Path, compilation.Database.Source);
    }

    [Fact]
    public void File_given_twice_is_compiled_once()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("a.ccl", "arch x86_64; feature a = cpuid(0x1).ecx[0];");

        var compilation = DslCompiler.Compile([dir.Path, file]);

        Assert.Empty(compilation.Diagnostics);
        Assert.Single(compilation.Declarations);
    }

    [Fact]
    public void Missing_path_is_a_diagnostic_not_an_exception()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cpucompat-no-such-" + Guid.NewGuid().ToString("n") + ".ccl");

        var d = Assert.Single(DslCompiler.Compile([missing]).Diagnostics);

        Assert.Equal((SyntaxCodes.SourceNotFound, missing), (d.Code, d.Span.ToString()));
        Assert.Equal("cannot read this source: no such file or directory; check the path.", d.Message);
    }

    [Fact]
    public void Directory_without_ccl_files_is_a_warning_beside_other_sources()
    {
        using var dir = new TempDirectory();
        dir.Write("readme.md", "#");
        var source = dir.Write("src/a.ccl", "arch x86_64; feature a = cpuid(0x1).ecx[0];");
        var empty = Directory.CreateDirectory(dir.File("empty")).FullName;

        var compilation = DslCompiler.Compile([source, empty]);

        var d = Assert.Single(compilation.Diagnostics);
        Assert.Equal((SyntaxCodes.NoSourceFiles, Core.Diagnostics.DiagnosticSeverity.Warning), (d.Code, d.Severity));
        Assert.NotNull(compilation.Database);
    }

    [Fact]
    public void Nothing_to_compile_at_all_is_an_error_not_an_empty_database()
    {
        using var dir = new TempDirectory();
        dir.Write("readme.md", "#");

        var compilation = DslCompiler.Compile([dir.Path]);

        var d = Assert.Single(compilation.Diagnostics);
        Assert.Equal((SyntaxCodes.NoSourceFiles, Core.Diagnostics.DiagnosticSeverity.Error), (d.Code, d.Severity));
        Assert.Null(compilation.Database);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("# only a comment\n")]
    public void A_blank_file_is_an_error(string text)
    {
        var compilation = DslCompiler.Compile([new DslSource("blank.ccl", text)]);

        var d = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("blank.ccl:1:1", SyntaxCodes.EmptyFile), (d.Span.ToString(), d.Code));
        Assert.Null(compilation.Database);
    }

    [Fact]
    public void At_most_twenty_diagnostics_a_file_then_how_many_more()
    {
        var text = "arch x86_64;\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"feature f{i} = cpuid(0x1).eex[0];\n"));

        var diagnostics = DslCompiler.Compile([new DslSource("many.ccl", text)]).Diagnostics;

        Assert.Equal(21, diagnostics.Length);
        Assert.Equal(("many.ccl", SyntaxCodes.MoreDiagnostics), (diagnostics[20].Span.ToString(), diagnostics[20].Code));
        Assert.StartsWith("… and 80 more diagnostics (80 errors)", diagnostics[20].Message, StringComparison.Ordinal);
    }
}
