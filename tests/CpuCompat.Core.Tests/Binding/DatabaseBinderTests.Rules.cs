using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;
using CpuCompat.Core.Tests.Support;
using static CpuCompat.Core.Cpu.SignatureField;

namespace CpuCompat.Core.Tests.Binding;

/// <summary>Rules compile to conditions over ids and masks that evaluate like the source says.</summary>
public sealed partial class DatabaseBinderTests
{
    /// <summary>libvirt's broken-TSX filter: <c>vendor Intel and family 6 and (model in {60, 69, 70} or (model 63 and stepping &lt; 4))</c>.</summary>
    private static (ArchDatabase Db, RuleDefinition Rule) BrokenTsx()
    {
        var b = new DeclarationBuilder();
        b.Vendor("AMD", "AuthenticAMD");
        b.Vendor("Intel", "GenuineIntel");
        b.Feature("hle");
        b.Feature("rtm");
        b.Feature("avx");
        b.Rule(
            "broken-tsx",
            b.All(
                b.IsVendor("Intel"),
                b.Compare(Family, CompareOperator.Equal, 6),
                b.Any(b.In(Model, 60, 69, 70), b.All(b.Compare(Model, CompareOperator.Equal, 63), b.Compare(Stepping, CompareOperator.Less, 4)))),
            "hle",
            "rtm");
        var db = b.BindClean();
        return (db, Assert.Single(db.Rules));
    }

    [Theory]
    [InlineData("Intel", 6, 60, 3, true)]
    [InlineData("Intel", 6, 69, 1, true)]
    [InlineData("Intel", 6, 70, 15, true)]
    [InlineData("Intel", 6, 63, 0, true)]
    [InlineData("Intel", 6, 63, 3, true)]
    [InlineData("Intel", 6, 63, 4, false)]
    [InlineData("Intel", 6, 61, 0, false)]
    [InlineData("Intel", 15, 60, 1, false)]
    [InlineData("AMD", 6, 60, 1, false)]
    [InlineData(null, 6, 60, 1, false)]
    public void Broken_TSX_rule_holds_for_the_affected_Intel_signatures_only(string? vendor, uint family, uint model, uint stepping, bool expected)
    {
        var (db, rule) = BrokenTsx();
        var facts = new RuleFacts(vendor is null ? null : db.FindVendor(vendor)!.Id, true, family, model, stepping, db.AllFeatures);

        Assert.Equal(expected, rule.AppliesTo(facts));
        Assert.Equal(expected, rule.Condition.Evaluate(facts));
    }

    [Fact]
    public void Broken_TSX_rule_drops_its_features_and_prints_as_written()
    {
        var (db, rule) = BrokenTsx();

        Assert.Equal("broken-tsx", rule.Name);
        Assert.Equal(["hle", "rtm"], db.NamesOf(rule.Drop));
        Assert.Equal("(vendor Intel and family = 6 and (model in {60, 69, 70} or (model = 63 and stepping < 4)))", rule.Condition.ToString());
    }

    [Fact]
    public void Signature_conditions_are_false_when_the_cpu_has_no_signature()
    {
        var (db, rule) = BrokenTsx();
        var facts = new RuleFacts(db.FindVendor("Intel")!.Id, false, 6, 60, 1, FeatureSet.Empty);

        Assert.False(rule.AppliesTo(facts));
    }

    [Theory]
    [InlineData(CompareOperator.Equal, 4, false, true, false)]
    [InlineData(CompareOperator.NotEqual, 4, true, false, true)]
    [InlineData(CompareOperator.Less, 4, true, false, false)]
    [InlineData(CompareOperator.LessOrEqual, 4, true, true, false)]
    [InlineData(CompareOperator.Greater, 4, false, false, true)]
    [InlineData(CompareOperator.GreaterOrEqual, 4, false, true, true)]
    public void Comparisons_evaluate_below_at_and_above_their_value(CompareOperator op, uint value, bool below, bool at, bool above)
    {
        var b = new DeclarationBuilder();
        b.Rule("r", b.Compare(Stepping, op, value));
        var rule = Assert.Single(b.BindClean().Rules);

        Assert.Equal(below, rule.AppliesTo(new RuleFacts(null, true, 6, 1, value - 1, FeatureSet.Empty)));
        Assert.Equal(at, rule.AppliesTo(new RuleFacts(null, true, 6, 1, value, FeatureSet.Empty)));
        Assert.Equal(above, rule.AppliesTo(new RuleFacts(null, true, 6, 1, value + 1, FeatureSet.Empty)));
    }

    [Fact]
    public void Has_and_not_conditions_test_the_features_present()
    {
        var b = new DeclarationBuilder();
        b.Feature("avx512f");
        b.Feature("avx512vl");
        b.Feature("x");
        b.Rule("needs-both", b.Has("avx512f", "avx512vl"), "x");
        b.Rule("lacks-vl", b.Not(b.Has("avx512vl")), "x");
        var db = b.BindClean();
        var (both, lacks) = (db.Rules[0], db.Rules[1]);

        RuleFacts With(params int[] ids) => new(null, false, 0, 0, 0, FeatureSet.Of(ids));

        Assert.True(both.AppliesTo(With(0, 1)));
        Assert.True(both.AppliesTo(With(0, 1, 2)));
        Assert.False(both.AppliesTo(With(0)));
        Assert.False(lacks.AppliesTo(With(1)));
        Assert.True(lacks.AppliesTo(With(0)));
        Assert.Equal("has avx512f, avx512vl", both.Condition.ToString());
        Assert.Equal("not has avx512vl", lacks.Condition.ToString());
    }
}
