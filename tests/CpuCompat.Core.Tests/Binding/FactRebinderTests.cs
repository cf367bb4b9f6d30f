using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;
using CpuCompat.Core.Tests.Support;

namespace CpuCompat.Core.Tests.Binding;

public sealed class FactRebinderTests
{
    /// <summary>The built-in side: Intel second, features in one order, the broken-TSX rule and a has-rule.</summary>
    private static CpuDatabase Source()
    {
        var b = new DeclarationBuilder();
        b.Vendor("AMD", "AuthenticAMD");
        b.Vendor("Intel", "GenuineIntel");
        b.Feature("avx");
        b.Feature("hle");
        b.Feature("rtm");
        b.Rule("broken-tsx", b.All(b.IsVendor("Intel"), b.In(SignatureField.Model, 60, 69)), "hle", "rtm");
        b.Rule("needs-avx", b.Not(b.Has("avx")), "rtm");
        return b.Bind().Database!;
    }

    [Fact]
    public void Rules_are_moved_onto_the_target_ids_by_name()
    {
        var t = new DeclarationBuilder();
        t.Vendor("Intel", "GenuineIntel");
        t.Feature("rtm");
        t.Feature("hle");
        t.Feature("avx");

        var (db, diagnostics) = FactRebinder.AddFacts(t.Bind().Database!, Source());
        var x86 = db.X86!;

        Assert.Empty(diagnostics);
        Assert.Equal(["broken-tsx", "needs-avx"], x86.Rules.Select(r => r.Name));
        Assert.Equal(FeatureSet.Of(0, 1), x86.Rules[0].Drop);
        var intel = new RuleFacts(0, true, 6, 60, 1, FeatureSet.Empty);
        Assert.True(x86.Rules[0].AppliesTo(intel));
        Assert.False(x86.Rules[0].AppliesTo(intel with { VendorId = 1 }));
        Assert.True(x86.Rules[1].AppliesTo(intel with { Features = FeatureSet.Of(0, 1) }));
        Assert.False(x86.Rules[1].AppliesTo(intel with { Features = FeatureSet.Of(2) }));
    }

    [Fact]
    public void A_rule_naming_what_the_target_lacks_is_left_out_with_a_warning()
    {
        var t = new DeclarationBuilder();
        t.Vendor("Intel", "GenuineIntel");
        t.Feature("hle");
        t.Feature("avx");

        var (db, diagnostics) = FactRebinder.AddFacts(t.Bind().Database!, Source());

        Assert.Empty(db.X86!.Rules);
        Assert.Equal(
            ["rule 'broken-tsx' is left out: this map has no feature 'rtm'.", "rule 'needs-avx' is left out: this map has no feature 'rtm'."],
            diagnostics.Select(d => d.Message));
        Assert.All(diagnostics, d => Assert.Equal(BindingCodes.RuleNotRebound, d.Code));
    }

    [Fact]
    public void Architectures_the_source_has_no_rules_for_are_kept_as_they_are()
    {
        var t = new DeclarationBuilder { Arch = ArchFamily.Ppc64 };
        t.Model("POWER9", pvrs: [t.Pvr(0x004e0000, 0xffff0000)]);
        var target = t.Bind().Database!;

        var (db, diagnostics) = FactRebinder.AddFacts(target, Source());

        Assert.Empty(diagnostics);
        Assert.Same(target.Ppc64, db.Ppc64);
        Assert.Null(db.X86);
    }
}
