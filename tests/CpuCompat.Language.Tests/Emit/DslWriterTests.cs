using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Emit;
using CpuCompat.Language.Tests.TestSupport;

namespace CpuCompat.Language.Tests.Emit;

/// <summary>How the writer formats each statement. Round trips are in <see cref="DslWriterRoundTripTests"/>.</summary>
public class DslWriterTests
{
    private static NameRef N(string name) => new(name, default);

    private static FeatureDeclaration Feature(string name, params FeatureBitsSyntax[] bits) =>
        new(ArchFamily.X86, N(name), [.. bits], true, [], default);

    private static FeatureBitsSyntax Cpuid(uint leaf, uint subleaf, int register, uint mask) =>
        new(DataKey.Cpuid(leaf, subleaf), Registers.Single(register, mask), default);

    private static ModelDeclaration Model(string name, params string[] features) => new(
        ArchFamily.X86, N(name), null, null, [], true, true, false,
        [.. features.Select(f => new ModelFeatureRef(N(f), ModelFeatureKind.Include))], [], default);

    /// <summary>The written text without the leading <c>arch</c> statement and blank line.</summary>
    private static string Body(params Declaration[] declarations) =>
        DslWriter.Write(declarations).Replace("arch x86_64;\n\n", "", StringComparison.Ordinal);

    [Theory]
    [InlineData(0x1u, 0u, 2, 1u, "cpuid(0x1).ecx[0]")]
    [InlineData(0x80000007u, 0u, 3, 1u << 8, "cpuid(0x80000007).edx[8]")]
    [InlineData(0xdu, 1u, 0, 1u << 3, "cpuid(0xd, 0x1).eax[3]")]
    [InlineData(0x40000003u, 0u, 0, 0x30u, "cpuid(0x40000003).eax[4,5]")]
    [InlineData(0x1u, 0u, 3, 0x7u, "cpuid(0x1).edx[0-2]")]
    [InlineData(0x7u, 0u, 1, 0b1011u, "cpuid(0x7).ebx[0,1,3]")]
    [InlineData(0x7u, 0u, 1, 0b1010_1110_0000u, "cpuid(0x7).ebx[5-7,9,11]")]
    [InlineData(0x7u, 0u, 1, 0xffffffffu, "cpuid(0x7).ebx[0-31]")]
    public void Cpuid_locations_are_lower_case_hex_with_bit_lists(uint leaf, uint subleaf, int register, uint mask, string expected)
    {
        Assert.Equal($"feature f = {expected};\n", Body(Feature("f", Cpuid(leaf, subleaf, register, mask))));
    }

    [Fact]
    public void Msr_bits_are_written_in_eax_and_edx_halves()
    {
        var feature = Feature("ibrs-all", new FeatureBitsSyntax(DataKey.Msr(0x10a), new Registers(1u << 1, 0, 0, 1u << 4), default));

        Assert.Equal("feature ibrs-all = msr(0x10a).eax[1], msr(0x10a).edx[4];\n", Body(feature));
    }

    [Fact]
    public void Flags_and_aliases_follow_the_locations()
    {
        var feature = Feature("xsaves", Cpuid(0xd, 1, 0, 1u << 3)) with
        {
            Migratable = false,
            Aliases = [new FeatureAliasSyntax("sse3", "qemu", default), new FeatureAliasSyntax("nonmigratable", null, default)],
        };

        Assert.Equal("feature xsaves = cpuid(0xd, 0x1).eax[3] nonmigratable alias qemu:sse3 \"nonmigratable\";\n", Body(feature));
    }

    [Theory]
    [InlineData("sse4.2", "sse4.2")]
    [InlineData("486", "486")]
    [InlineData("model", "model")]
    [InlineData("0x1a", "\"0x1a\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"")]
    [InlineData("vmx-", "\"vmx-\"")]
    public void Names_are_quoted_only_when_they_would_not_read_back_as_one_name(string name, string written)
    {
        Assert.Equal($"feature {written};\n", Body(Feature(name)));
    }

    [Fact]
    public void Vendors_are_written_with_their_cpuid_string_or_value()
    {
        var text = DslWriter.Write(
        [
            new VendorDeclaration(ArchFamily.X86, N("Intel"), "GenuineIntel", null, default),
            new VendorDeclaration(ArchFamily.Ppc64, N("IBM"), null, null, default),
            new VendorDeclaration(ArchFamily.Arm, N("ARM"), null, 0x41, default),
        ]);

        Assert.Equal("arch x86_64;\n\nvendor Intel \"GenuineIntel\";\n\narch ppc64;\n\nvendor IBM;\n\narch aarch64;\n\nvendor ARM 0x41;\n", text);
    }

    [Fact]
    public void Model_body_has_one_statement_per_line_and_leaves_out_defaults()
    {
        var model = Model("Skylake", "aes", "avx") with
        {
            Vendor = N("Intel"),
            Signatures = [new SignatureSyntax(6, 85, 0b11111, default), new SignatureSyntax(6, 86, 0b1110_0101, default), new SignatureSyntax(6, 94, null, default)],
            DecodeGuest = false,
            CompatCheck = true,
            Features = [new(N("aes"), ModelFeatureKind.Include), new(N("hle"), ModelFeatureKind.Subtract), new(N("mpx"), ModelFeatureKind.Removed), new(N("vmx-ept"), ModelFeatureKind.Added)],
        };

        Assert.Equal(
            """
            model Skylake {
                vendor Intel;
                signature 6:85[0-4], 6:86[0,2,5-7], 6:94;
                decode host;
                check compat;
                features aes -hle;
                removed mpx;
                added vmx-ept;
            }

            """,
            Body(model));
    }

    [Theory]
    [InlineData(true, true, "model M : A;\n")]
    [InlineData(false, true, "model M : A {\n    decode guest;\n}\n")]
    [InlineData(false, false, "model M : A {\n    decode none;\n}\n")]
    public void Decode_is_written_only_when_not_host_and_guest(bool host, bool guest, string expected)
    {
        Assert.Equal(expected, Body(Model("M") with { Ancestor = N("A"), DecodeHost = host, DecodeGuest = guest }));
    }

    [Fact]
    public void Ppc64_pvrs_are_hex_without_padding()
    {
        var model = Model("POWER8") with { Arch = ArchFamily.Ppc64, Pvrs = [new PvrSyntax(0x004b0000, 0xffff0000, default), new PvrSyntax(0xd07, null, default)] };

        Assert.Equal("arch ppc64;\n\nmodel POWER8 {\n    pvr 0x4b0000 mask 0xffff0000;\n    pvr 0xd07;\n}\n", DslWriter.Write([model]));
    }

    [Fact]
    public void Long_feature_lists_wrap_before_column_100_with_8_space_continuations()
    {
        var features = Enumerable.Range(0, 60).Select(i => $"feature-{i:00}").ToArray();

        var lines = Body(Model("M", features)).Split('\n');

        Assert.StartsWith("    features feature-00 feature-01 ", lines[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 100, l));
        Assert.All(lines[2..^3], l => Assert.StartsWith("        feature-", l, StringComparison.Ordinal));
        Assert.True(lines[1].Length + " feature-99;".Length > 100, "the first line holds as many names as fit");
        Assert.EndsWith("feature-59;", lines[^3], StringComparison.Ordinal);
        Assert.Equal(features, string.Join(" ", lines[1..^2]).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(f => f.TrimEnd(';')));
    }

    [Fact]
    public void Rules_dependencies_aliases_and_pools_read_like_the_examples()
    {
        var text = DslWriter.Write(Dsl.Declarations(
            """
            arch x86_64;
            rule broken-tsx when vendor Intel and family 6 and (model in {60, 69, 70} or model 63 and stepping < 4) drop hle rtm;
            depend avx512vl avx512bw -> avx512f;
            alias sse4.1 = linux:sse4_1 sse4-1;
            pool prod-east { migratable; allow B; vendor Intel; forbid hle; forbid rtm; }
            pool empty { }
            """));

        Assert.Equal(
            """
            arch x86_64;

            rule broken-tsx when vendor Intel and family = 6 and (model in {60, 69, 70} or (model = 63 and stepping < 4)) drop hle, rtm;

            depend avx512vl, avx512bw -> avx512f;

            alias sse4.1 = linux:sse4_1 sse4-1;

            pool prod-east {
                vendor Intel;
                forbid hle, rtm;
                allow B;
                migratable;
            }

            pool empty { }

            """,
            text);
    }

    [Fact]
    public void Nested_conditions_are_parenthesised()
    {
        ConditionSyntax C(string vendor) => new VendorCondition(N(vendor), default);
        var condition = new NotCondition(new AndCondition([new AndCondition([C("a"), C("b")], default), new OrCondition([C("c"), new NotCondition(C("d"), default)], default)], default), default);
        var rule = new RuleDeclaration(ArchFamily.X86, N("r"), condition, [N("x")], default);

        Assert.Equal("rule r when not ((vendor a and vendor b) and (vendor c or not vendor d)) drop x;\n", Body(rule));
    }

    [Fact]
    public void Runs_of_one_line_statements_stay_together_and_blocks_are_separated()
    {
        var text = Body(Feature("a", Cpuid(1, 0, 2, 1)), Feature("b", Cpuid(1, 0, 2, 2)), Model("M", "a"), Model("N", "b"), new CompatDeclaration("11.3.0", default));

        Assert.Equal(
            "feature a = cpuid(0x1).ecx[0];\nfeature b = cpuid(0x1).ecx[1];\n\nmodel M {\n    features a;\n}\n\nmodel N {\n    features b;\n}\n\ncompat libvirt \"11.3.0\";\n",
            text);
    }

    [Fact]
    public void Header_and_arch_start_a_file()
    {
        var text = DslWriter.Write([], "x86_64 vendors.", ArchFamily.X86);

        Assert.Equal("# x86_64 vendors.\narch x86_64;\n", text);
    }

    [Fact]
    public void Declarations_the_language_cannot_express_are_a_callers_bug()
    {
        Assert.Throws<ArgumentException>(() => DslWriter.Write([Feature("line\nbreak")]));
        Assert.Throws<ArgumentException>(() => DslWriter.Write([new DependencyDeclaration(ArchFamily.X86, [], [N("a")], default)]));
        Assert.Throws<ArgumentException>(() => DslWriter.Write([Feature("m", new FeatureBitsSyntax(DataKey.Msr(0x10a), new Registers(0, 1, 0, 0), default))]));
        Assert.Throws<ArgumentException>(() => DslWriter.Write([Model("M") with { Signatures = [new SignatureSyntax(6, 1, 0, default)] }]));
        Assert.Throws<ArgumentException>(() => DslWriter.Write([new RuleDeclaration(ArchFamily.X86, N("r"), new AndCondition(ImmutableArray<ConditionSyntax>.Empty, default), [N("x")], default)]));
    }
}
