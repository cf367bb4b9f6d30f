using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Tests.TestSupport;

namespace CpuCompat.Language.Tests.Syntax;

/// <summary>What each statement builds. Diagnostics are in <see cref="SyntaxBuilderDiagnosticsTests"/>.</summary>
public class SyntaxBuilderTests
{
    [Fact]
    public void Compat_keeps_the_version_as_written_and_needs_no_arch()
    {
        var compat = Dsl.Single<CompatDeclaration>("compat libvirt \"11.3\";");

        Assert.Equal("11.3", compat.LibvirtVersion);
        Assert.Equal((1, 1), (compat.Span.Line, compat.Span.Column));
    }

    [Theory]
    [InlineData("arch x86_64; vendor Intel \"GenuineIntel\";", ArchFamily.X86, "GenuineIntel", null)]
    [InlineData("arch i686; vendor Intel \"GenuineIntel\";", ArchFamily.X86, "GenuineIntel", null)]
    [InlineData("arch ppc64; vendor IBM;", ArchFamily.Ppc64, null, null)]
    [InlineData("arch ppc64le; vendor IBM;", ArchFamily.Ppc64, null, null)]
    [InlineData("arch aarch64; vendor ARM 0x41;", ArchFamily.Arm, null, 0x41u)]
    public void Vendor_takes_a_cpuid_string_or_a_value_by_arch(string text, ArchFamily arch, string? cpuid, uint? value)
    {
        var vendor = Dsl.Single<VendorDeclaration>(text);

        Assert.Equal((arch, cpuid, value), (vendor.Arch, vendor.CpuidString, vendor.Value));
    }

    [Fact]
    public void Feature_locations_become_register_masks_per_key()
    {
        var feature = Dsl.Single<FeatureDeclaration>(
            "arch x86_64;\nfeature multi = cpuid(0x40000003).eax[4,5], cpuid(0x1).edx[0-2], cpuid(0xd, 1).ecx[31], msr(0x10a).edx[0];");

        Assert.Equal(
            [
                (DataKey.Cpuid(0x40000003), new Registers(0x30, 0, 0, 0)),
                (DataKey.Cpuid(0x1), new Registers(0, 0, 0, 0x7)),
                (DataKey.Cpuid(0xd, 1), new Registers(0, 0, 0x80000000, 0)),
                (DataKey.Msr(0x10a), new Registers(0, 0, 0, 1)),
            ],
            feature.Bits.Select(b => (b.Key, b.Mask)));
        Assert.True(feature.Migratable);
        Assert.Equal([(2, 17), (2, 45), (2, 66), (2, 89)], feature.Bits.Select(b => (b.Span.Line, b.Span.Column)));
    }

    [Fact]
    public void Feature_options_come_in_any_order_and_aliases_add_up()
    {
        var feature = Dsl.Single<FeatureDeclaration>(
            "arch x86_64; feature sse4.1 = cpuid(0x1).ecx[19] alias qemu:sse4-1 nonmigratable alias sse4_1, linux:\"sse4 1\";");

        Assert.False(feature.Migratable);
        Assert.Equal([("qemu", "sse4-1"), (null, "sse4_1"), ("linux", "sse4 1")], feature.Aliases.Select(a => (a.Source, a.Name)));
    }

    [Fact]
    public void Arm_feature_has_no_location()
    {
        var feature = Dsl.Single<FeatureDeclaration>("arch aarch64; feature sve;");

        Assert.Equal((ArchFamily.Arm, 0), (feature.Arch, feature.Bits.Length));
    }

    [Fact]
    public void Alias_statement_names_the_feature_and_its_spellings()
    {
        var alias = Dsl.Single<AliasDeclaration>("arch x86_64;\nalias sse4.1 = linux:sse4_1 linux:sse4-1;");

        Assert.Equal("sse4.1", alias.Feature.Name);
        Assert.Equal((2, 7), (alias.Feature.Span.Line, alias.Feature.Span.Column));
        Assert.Equal([("linux", "sse4_1"), ("linux", "sse4-1")], alias.Aliases.Select(a => (a.Source, a.Name)));
    }

    [Fact]
    public void Model_body_builds_every_part()
    {
        var model = Assert.Single(Dsl.Declarations(Samples.Everything).OfType<ModelDeclaration>(), m => m.Name.Name == "Haswell-noTSX");

        Assert.Equal("Intel", model.Vendor?.Name);
        Assert.Equal([(6u, 60u), (6u, 63u), (6u, 69u), (6u, 70u)], model.Signatures.Select(s => (s.Family, s.Model)));
        Assert.True(model.DecodeHost && model.DecodeGuest && model.CompatCheck);
        Assert.Equal(
            ["Include:aes", "Include:apic", "Include:avx", "Include:avx2", "Subtract:hle", "Removed:mpx", "Added:vmx-ept", "Added:vmx-vpid"],
            model.Features.Select(f => $"{f.Kind}:{f.Feature.Name}"));
    }

    [Theory]
    [InlineData("", true, true)]
    [InlineData("decode host guest;", true, true)]
    [InlineData("decode guest host;", true, true)]
    [InlineData("decode host;", true, false)]
    [InlineData("decode guest;", false, true)]
    [InlineData("decode none;", false, false)]
    public void Decode_defaults_to_host_and_guest(string statement, bool host, bool guest)
    {
        var model = Dsl.Single<ModelDeclaration>($"arch x86_64; model M {{ {statement} }}");

        Assert.Equal((host, guest), (model.DecodeHost, model.DecodeGuest));
    }

    [Fact]
    public void Model_without_body_names_only_its_ancestor()
    {
        var model = Dsl.Single<ModelDeclaration>("arch x86_64;\nmodel Haswell-v1 : Haswell;");

        Assert.Equal(("Haswell-v1", "Haswell", 2, 20), (model.Name.Name, model.Ancestor?.Name, model.Ancestor?.Span.Line, model.Ancestor?.Span.Column));
        Assert.True(model.DecodeHost && model.DecodeGuest);
        Assert.Empty(model.Features);
    }

    [Fact]
    public void Repeated_list_statements_in_a_model_add_up()
    {
        var model = Dsl.Single<ModelDeclaration>("arch x86_64; model M { signature 6:1; features a; signature 6:2[1,3,5-7]; features b, -c; }");

        Assert.Equal([(6u, 1u, (ushort?)null), (6u, 2u, (ushort?)0b1110_1010)], model.Signatures.Select(s => (s.Family, s.Model, s.Steppings)));
        Assert.Equal(["Include:a", "Include:b", "Subtract:c"], model.Features.Select(f => $"{f.Kind}:{f.Feature.Name}"));
    }

    [Fact]
    public void Pvr_takes_an_optional_mask()
    {
        var model = Dsl.Single<ModelDeclaration>("arch ppc64; model POWER8 { pvr 0x004b0000 mask 0xffff0000; pvr 0xd07; }");

        Assert.Equal([(0x004b0000u, (uint?)0xffff0000u), (0xd07u, null)], model.Pvrs.Select(p => (p.Value, p.Mask)));
    }

    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        var rule = Dsl.Single<RuleDeclaration>("arch x86_64; rule r when not vendor A and family 6 or model >= 0x3c and has a, b drop x;");

        var or = Assert.IsType<OrCondition>(rule.Condition);
        var left = Assert.IsType<AndCondition>(or.Operands[0]);
        Assert.Equal("A", Assert.IsType<VendorCondition>(Assert.IsType<NotCondition>(left.Operands[0]).Operand).Vendor.Name);
        Assert.Equal(new CompareCondition(SignatureField.Family, CompareOperator.Equal, 6, left.Operands[1].Span), left.Operands[1]);
        var right = Assert.IsType<AndCondition>(or.Operands[1]);
        Assert.Equal((SignatureField.Model, CompareOperator.GreaterOrEqual, 0x3cu),
            Assert.IsType<CompareCondition>(right.Operands[0]) is var c ? (c.Field, c.Operator, c.Value) : default);
        Assert.Equal(["a", "b"], Assert.IsType<HasCondition>(right.Operands[1]).Features.Select(f => f.Name));
    }

    [Fact]
    public void Parentheses_group_without_adding_a_node()
    {
        var rule = Dsl.Single<RuleDeclaration>("arch x86_64; rule r when ((stepping in {1, 2}) and (stepping != 3)) drop x;");

        var and = Assert.IsType<AndCondition>(rule.Condition);
        Assert.Equal([1u, 2u], Assert.IsType<InCondition>(and.Operands[0]).Values);
        Assert.Equal(CompareOperator.NotEqual, Assert.IsType<CompareCondition>(and.Operands[1]).Operator);
    }

    [Fact]
    public void Chains_of_one_operator_build_one_node()
    {
        var rule = Dsl.Single<RuleDeclaration>("arch x86_64; rule r when family < 1 or family <= 2 or family > 3 drop x y, z;");

        Assert.Equal(3, Assert.IsType<OrCondition>(rule.Condition).Operands.Length);
        Assert.Equal(["x", "y", "z"], rule.Drop.Select(d => d.Name));
    }

    [Fact]
    public void The_old_require_spelling_of_a_dependency_says_to_write_depend()
    {
        var built = Dsl.Build("arch x86_64; require avx512vl -> avx512f;");

        var d = Assert.Single(built.Diagnostics);
        Assert.Equal((CpuCompat.Language.Diagnostics.SyntaxCodes.OldDependencySpelling, 1, 14), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Contains("replace 'require' with 'depend'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependency_lists_accept_commas_and_spaces()
    {
        var dependency = Dsl.Single<DependencyDeclaration>("arch x86_64; depend avx512vl, avx512bw avx512dq->avx512f;");

        Assert.Equal(["avx512vl", "avx512bw", "avx512dq"], dependency.Features.Select(f => f.Name));
        Assert.Equal(["avx512f"], dependency.Requires.Select(f => f.Name));
    }

    [Fact]
    public void Repeated_pool_statements_concatenate()
    {
        var pool = Dsl.Single<PoolDeclaration>(
            "arch x86_64; pool p { forbid hle; require avx2; forbid rtm; prefer A B; allow B, A; allow C; vendor Intel; migratable; }");

        Assert.Equal(["hle", "rtm"], pool.Forbid.Select(n => n.Name));
        Assert.Equal(["avx2"], pool.Require.Select(n => n.Name));
        Assert.Equal(["A", "B"], pool.Prefer.Select(n => n.Name));
        Assert.Equal(["B", "A", "C"], pool.Allow.Select(n => n.Name));
        Assert.Equal(("Intel", true), (pool.Vendor?.Name, pool.Migratable));
    }

    [Fact]
    public void Names_and_declarations_carry_the_span_of_their_first_token()
    {
        var model = Dsl.Single<ModelDeclaration>("arch x86_64;\n\n  model   Skylake {\n\tfeatures a\n      +b;\n}");

        Assert.Equal((3, 3), (model.Span.Line, model.Span.Column));
        Assert.Equal((3, 11), (model.Name.Span.Line, model.Name.Span.Column));
        Assert.Equal([(4, 11), (5, 8)], model.Features.Select(f => (f.Feature.Span.Line, f.Feature.Span.Column)));
        Assert.All(model.Features, f => Assert.Equal(Dsl.File, f.Feature.Span.File));
    }

    [Theory]
    [InlineData("sse4.2")]
    [InlineData("3dnowext")]
    [InlineData("486")]
    [InlineData("486-v1")]
    [InlineData("vmx-ept")]
    [InlineData("Opteron_G3")]
    [InlineData("POWER7+_v2.1")]
    [InlineData("avx512-vpopcntdq")]
    [InlineData("cpu64-rhel5")]
    [InlineData("Skylake-Server-noTSX-IBRS")]
    [InlineData("model")]
    [InlineData("check")]
    [InlineData("nonmigratable")]
    [InlineData("0x1g")]
    public void Names_of_every_shape_are_read_as_one_name(string name)
    {
        var model = Dsl.Single<ModelDeclaration>($"arch x86_64; model {name} : {name} {{ vendor {name}; features {name} -{name}; }}");

        Assert.Equal([name, name, name, name, name], new[] { model.Name, model.Ancestor!.Value, model.Vendor!.Value }
            .Concat(model.Features.Select(f => f.Feature)).Select(n => n.Name));
    }

    [Fact]
    public void Quoted_names_allow_any_characters_and_escapes()
    {
        var feature = Dsl.Single<FeatureDeclaration>("arch aarch64; feature \"a \\\"b\\\" \\\\ c\";");

        Assert.Equal("a \"b\" \\ c", feature.Name.Name);
    }
}
