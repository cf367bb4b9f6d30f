using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;
using CpuCompat.Core.Tests.Support;

namespace CpuCompat.Core.Tests.Binding;

/// <summary>Bad declarations give diagnostics, never exceptions, and every problem is reported.</summary>
public sealed partial class DatabaseBinderTests
{
    private static string[] Codes(BindResult result) => [.. result.Diagnostics.Select(d => d.Code)];

    [Fact]
    public void Two_models_that_name_each_other_as_ancestor_are_one_cycle()
    {
        var b = new DeclarationBuilder();
        b.Model("A", ancestor: "B");
        b.Model("B", ancestor: "A");

        var result = b.Bind();

        Assert.Equal([BindingCodes.InheritanceCycle], Codes(result));
        Assert.Null(result.Database);
    }

    [Fact]
    public void A_model_that_is_its_own_ancestor_is_a_cycle()
    {
        var b = new DeclarationBuilder();
        var a = b.Model("A", ancestor: "A");

        var d = Assert.Single(b.Bind().Diagnostics);

        Assert.Equal(BindingCodes.InheritanceCycle, d.Code);
        Assert.Equal(a.Ancestor!.Value.Span, d.Span);
        Assert.Contains("A -> A", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_inherits_from_a_cycle_is_reported_once_with_the_cycle()
    {
        var b = new DeclarationBuilder();
        b.Feature("f");
        b.Model("Outside", ancestor: "A", features: ["f"]);
        b.Model("A", ancestor: "B");
        b.Model("B", ancestor: "C");
        b.Model("C", ancestor: "A");
        b.Model("Unrelated", features: ["f"]);

        var d = Assert.Single(b.Bind().Diagnostics);

        Assert.Equal(BindingCodes.InheritanceCycle, d.Code);
        Assert.Contains("A -> B -> C -> A", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declare_before_use_reports_every_forward_reference()
    {
        var b = new DeclarationBuilder();
        var m = b.Model("Child", ancestor: "Base", vendor: "Intel", features: ["f"]);
        b.Model("Base");
        b.Vendor("Intel", "GenuineIntel");
        b.Feature("f");

        var early = b.Bind(declareBeforeUse: true);
        var dsl = b.Bind(declareBeforeUse: false);

        Assert.Equal(
            [m.Ancestor!.Value.Span, m.Vendor!.Value.Span, m.Features[0].Feature.Span],
            early.Diagnostics.Where(d => d.Code == BindingCodes.UsedBeforeDeclared).Select(d => d.Span).OrderBy(s => s.Column));
        Assert.Equal(3, early.Diagnostics.Length);
        Assert.True(dsl.Succeeded, string.Join("\n", dsl.Diagnostics));
    }

    [Fact]
    public void More_features_than_the_capacity_are_one_error_and_no_exception()
    {
        var b = new DeclarationBuilder();
        for (var i = 0; i < FeatureSet.Capacity + 88; i++)
        {
            b.Feature($"f{i}");
        }

        // Names past the capacity were reported once; using them is not reported again.
        b.Model("M", features: ["f0", "f511", "f512", "f599"]);

        var result = b.Bind();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(BindingCodes.TooManyFeatures, d.Code);
        Assert.Contains("declares 600 features", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Database);
    }

    [Fact]
    public void Exactly_the_capacity_binds_cleanly()
    {
        var b = new DeclarationBuilder();
        for (var i = 0; i < FeatureSet.Capacity; i++)
        {
            b.Feature($"f{i}");
        }

        var db = b.BindClean();

        Assert.Equal(FeatureSet.Capacity, db.Features.Length);
        Assert.Equal(FeatureSet.FirstN(FeatureSet.Capacity), db.AllFeatures);
    }

    [Fact]
    public void A_pool_that_forbids_and_requires_features_reports_each_one()
    {
        var b = new DeclarationBuilder();
        b.Feature("a");
        b.Feature("b");
        b.Feature("c");
        b.Pool("p", forbid: ["a", "b"], require: ["b", "c", "a"]);

        var result = b.Bind();

        Assert.Equal([BindingCodes.ConflictingPoolPolicy, BindingCodes.ConflictingPoolPolicy], Codes(result));
        Assert.Contains("'a'", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'b'", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependency_violations_are_warnings_and_the_database_is_still_built()
    {
        var b = new DeclarationBuilder();
        foreach (var f in new[] { "avx512f", "avx512vl", "avx512bw", "sse" })
        {
            b.Feature(f);
        }

        b.Require(["avx512vl"], "avx512f", "sse");
        b.Model("Broken", features: ["avx512vl"]);
        b.Model("Fine", features: ["avx512vl", "avx512f", "sse"]);
        b.Model("Without", features: ["avx512bw"]);

        var result = b.Bind();

        Assert.True(result.Succeeded);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(
            ["model 'Broken' has 'avx512vl' but not 'avx512f', which 'avx512vl' requires.", "model 'Broken' has 'avx512vl' but not 'sse', which 'avx512vl' requires."],
            result.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void Every_problem_in_a_declaration_set_is_reported()
    {
        var b = new DeclarationBuilder();
        b.Vendor("Intel", "Intel");
        b.Feature("a");
        b.Feature("a");
        b.BareFeature("nobits");
        b.Model("M", ancestor: "Nowhere", features: ["zzz"]);
        b.Model("M");
        b.Model("Loop", ancestor: "Loop");
        b.Model("Zero", signatures: [b.Signature(0, 1)]);
        b.Pool("p", prefer: ["Missing"]);

        var result = b.Bind();

        Assert.Null(result.Database);
        Assert.Equal(
            new[]
            {
                BindingCodes.BadVendorString, BindingCodes.DuplicateFeature, BindingCodes.MissingFeatureBits, BindingCodes.DuplicateModel,
                BindingCodes.UnknownModel, BindingCodes.InheritanceCycle, BindingCodes.UnknownFeature, BindingCodes.InvalidSignature,
                BindingCodes.UnknownModel,
            }.Order(),
            Codes(result).Order());
    }

    [Fact]
    public void Unknown_names_with_no_close_match_get_no_suggestion()
    {
        var b = new DeclarationBuilder();
        b.Feature("avx512f");
        b.Model("M", features: ["sgx"]);

        var d = Assert.Single(b.Bind().Diagnostics);

        Assert.Equal("unknown feature 'sgx'", d.Message);
    }

    [Fact]
    public void A_rule_naming_an_unknown_feature_is_reported_and_left_out()
    {
        var b = new DeclarationBuilder();
        b.Feature("hle");
        b.Feature("rtm");
        var rule = b.Rule("r", b.Has("rtn"), "hle");

        var d = Assert.Single(b.Bind().Diagnostics);

        Assert.Equal(BindingCodes.UnknownFeature, d.Code);
        Assert.Equal("unknown feature 'rtn' — did you mean 'rtm'?", d.Message);
        Assert.NotEqual(rule.Span, d.Span);
    }

    [Fact]
    public void Architecture_specific_parts_in_the_wrong_architecture_are_rejected()
    {
        var b = new DeclarationBuilder();
        b.Vendor("Intel", "GenuineIntel", value: 1);
        b.Model("X", pvrs: [b.Pvr(1, 1)]);
        b.Arch = ArchFamily.Arm;
        b.Vendor("ARM", "GenuineIntel", 0x41);
        b.Feature("fp", b.Bits(DataKey.Cpuid(1), 0, 0));
        b.Arch = ArchFamily.Ppc64;
        b.Vendor("IBM", value: 2);
        b.Model("P", signatures: [b.Signature(6, 1)], pvrs: [b.Pvr(1, 1)]);

        var result = b.Bind();

        Assert.Equal(6, result.Diagnostics.Count(d => d.Code == BindingCodes.NotSupportedForArch));
        Assert.All(result.Diagnostics, d => Assert.Equal(BindingCodes.NotSupportedForArch, d.Code));
    }

    [Fact]
    public void An_x86_vendor_without_its_cpuid_string_is_told_how_to_write_one()
    {
        var b = new DeclarationBuilder();
        b.Vendor("Intel");

        var d = Assert.Single(b.Bind().Diagnostics);

        Assert.Equal(BindingCodes.BadVendorString, d.Code);
        Assert.Contains("needs its 12-character CPUID string", d.Message, StringComparison.Ordinal);
    }
}
