using System.Collections.Immutable;
using System.Reflection;
using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Tests.Support;
using static CpuCompat.Core.Cpu.SignatureField;

namespace CpuCompat.Core.Tests.Binding;

/// <summary>
/// One small declaration set per <see cref="BindingCodes"/> code, and where its diagnostic must point. The theory
/// data is every constant of <see cref="BindingCodes"/>, so a new code without a scenario fails here.
/// </summary>
public sealed partial class DatabaseBinderTests
{
    public static TheoryData<string> BindingCodeValues =>
        [.. typeof(BindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The diagnostics of a scenario, where the one for the code must be, and text its message must contain.</summary>
    private sealed record Scenario(ImmutableArray<Diagnostic> Diagnostics, SourceSpan Span, DiagnosticSeverity Severity, string? MessagePart = null);

    [Theory]
    [MemberData(nameof(BindingCodeValues))]
    public void Every_binding_code_is_reported_at_the_offending_name(string code)
    {
        var scenario = ScenarioFor(code);

        var diagnostic = Assert.Single(scenario.Diagnostics, d => d.Code == code);
        Assert.Equal(scenario.Span, diagnostic.Span);
        Assert.Equal(scenario.Severity, diagnostic.Severity);
        if (scenario.MessagePart is { } part)
        {
            Assert.Contains(part, diagnostic.Message, StringComparison.Ordinal);
        }

        Assert.EndsWith($": {diagnostic.Message}", diagnostic.ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{DeclarationBuilder.File}:", diagnostic.ToString(), StringComparison.Ordinal);
    }

    private static Scenario ScenarioFor(string code)
    {
        const DiagnosticSeverity error = DiagnosticSeverity.Error;
        const DiagnosticSeverity warning = DiagnosticSeverity.Warning;
        var b = new DeclarationBuilder();
        ImmutableArray<Diagnostic> Bind(bool declareBeforeUse = false) => b.Bind(declareBeforeUse).Diagnostics;
        switch (code)
        {
            case BindingCodes.UnknownFeature:
            {
                b.Feature("avx512f");
                var m = b.Model("Skylake", features: ["avx512"]);
                return new(Bind(), m.Features[0].Feature.Span, error, "unknown feature 'avx512' — did you mean 'avx512f'?");
            }

            case BindingCodes.UnknownModel:
            {
                b.Model("Haswell");
                var m = b.Model("Haswell-v2", ancestor: "Haswel");
                return new(Bind(), m.Ancestor!.Value.Span, error, "did you mean 'Haswell'?");
            }

            case BindingCodes.UnknownVendor:
            {
                b.Vendor("Intel", "GenuineIntel");
                var m = b.Model("M", vendor: "Intle");
                return new(Bind(), m.Vendor!.Value.Span, error, "did you mean 'Intel'?");
            }

            case BindingCodes.DuplicateFeature:
            {
                var first = b.Feature("f");
                var second = b.Feature("f");
                return new(Bind(), second.Name.Span, error, $"already defined at {first.Name.Span}");
            }

            case BindingCodes.DuplicateModel:
            {
                var first = b.Model("M");
                var second = b.Model("M");
                return new(Bind(), second.Name.Span, error, $"already defined at {first.Name.Span}");
            }

            case BindingCodes.DuplicateVendor:
            {
                b.Vendor("Intel", "GenuineIntel");
                var second = b.Vendor("Intel", "GenuineIotel");
                return new(Bind(), second.Name.Span, error, "vendor 'Intel' is already defined");
            }

            case BindingCodes.InheritanceCycle:
            {
                var a = b.Model("A", ancestor: "B");
                b.Model("B", ancestor: "A");
                return new(Bind(), a.Ancestor!.Value.Span, error, "A -> B -> A");
            }

            case BindingCodes.UsedBeforeDeclared:
            {
                var m = b.Model("M", features: ["late"]);
                b.Feature("late");
                return new(Bind(declareBeforeUse: true), m.Features[0].Feature.Span, error, "feature 'late' is used before it is declared");
            }

            case BindingCodes.ConflictingCompat:
            {
                b.Compat("11.3.0");
                var second = b.Compat("9.0.0");
                return new(Bind(), second.Span, error, "conflicts with \"11.3.0\"");
            }

            case BindingCodes.InvalidCompatVersion:
                return new([.. Bind().Concat(DatabaseBinder.Bind([b.Compat("eleven")]).Diagnostics)], b.Declarations[^1].Span, error, "'eleven' is not a libvirt version");

            case BindingCodes.DuplicatePool:
            {
                b.Pool("p");
                var second = b.Pool("p");
                return new(Bind(), second.Name.Span, error, "pool 'p'");
            }

            case BindingCodes.DuplicateRule:
            {
                b.Rule("r", b.Compare(Family, CompareOperator.Equal, 6));
                var second = b.Rule("r", b.Compare(Family, CompareOperator.Equal, 15));
                return new(Bind(), second.Name.Span, error, "rule 'r'");
            }

            case BindingCodes.ConflictingPoolPolicy:
            {
                b.Feature("tsx");
                var pool = b.Pool("p", forbid: ["tsx"], require: ["tsx"]);
                return new(Bind(), pool.Name.Span, error, "both forbids and requires 'tsx'");
            }

            case BindingCodes.CanonicalNameConflict:
            {
                b.Model("Haswell-noTSX");
                b.Model("Haswell-v2", ancestor: "Haswell-noTSX");
                var second = b.Model("Haswell-v9", ancestor: "Haswell-noTSX");
                return new(Bind(), second.Span, error, "already has the alias 'Haswell-v2'");
            }

            case BindingCodes.FeatureListedTwice:
            {
                b.Feature("f");
                var m = b.Model("M", features: ["f", "f"]);
                return new(Bind(), m.Features[1].Feature.Span, warning, "listed more than once in model 'M'");
            }

            case BindingCodes.BadVendorString:
            {
                var v = b.Vendor("Intel", "GenuineIntel!");
                return new(Bind(), v.Name.Span, error, "exactly 12 ASCII characters, not 13");
            }

            case BindingCodes.NotSupportedForArch:
            {
                b.Arch = ArchFamily.Ppc64;
                var f = b.BareFeature("altivec");
                return new(Bind(), f.Span, error, "a feature is not supported for architecture ppc64");
            }

            case BindingCodes.MissingFeatureBits:
            {
                var f = b.BareFeature("f");
                return new(Bind(), f.Name.Span, error, "x86 feature 'f' needs at least one");
            }

            case BindingCodes.MissingPvrMask:
            {
                b.Arch = ArchFamily.Ppc64;
                var pvr = b.Pvr(0x004e0000, null);
                b.Model("POWER9", pvrs: [pvr]);
                return new(Bind(), pvr.Span, error, "ppc64 model 'POWER9' needs a mask");
            }

            case BindingCodes.MsrRegister:
            {
                var bits = b.Bits(DataKey.Msr(0x10a), 1, 3);
                b.Feature("odd-msr", bits);
                return new(Bind(), bits.Span, error, "feature 'odd-msr' sets MSR bits outside eax and edx");
            }

            case BindingCodes.MissingPvr:
            {
                b.Arch = ArchFamily.Arm;
                var model = b.Model("cortex-x");
                return new(Bind(), model.Name.Span, error, "aarch64 model 'cortex-x' needs a pvr");
            }

            case BindingCodes.InvalidSignature:
            {
                var signature = b.Signature(0, 60);
                b.Model("M", signatures: [signature]);
                return new(Bind(), signature.Span, error, "family must be a non-zero number");
            }

            case BindingCodes.TooManyFeatures:
            {
                for (var i = 0; i < Core.Features.FeatureSet.Capacity; i++)
                {
                    b.Feature($"f{i}");
                }

                var over = b.Feature("one-too-many");
                return new(Bind(), over.Name.Span, error, "x86_64 declares 513 features; CpuCompat's feature sets hold at most 512");
            }

            case BindingCodes.SharedFeatureBits:
            {
                b.Feature("a", b.Bits(DataKey.Cpuid(1), 2, 5));
                var second = b.Feature("b", b.Bits(DataKey.Cpuid(1), 2, 5));
                return new(Bind(), second.Name.Span, error, "feature 'b' uses bits of cpuid(0x1) that feature 'a' already uses");
            }

            case BindingCodes.ModelBreaksDependency:
            {
                b.Feature("avx512f");
                b.Feature("avx512vl");
                b.Require(["avx512vl"], "avx512f");
                var m = b.Model("M", features: ["avx512vl"]);
                return new(Bind(), m.Span, warning, "model 'M' has 'avx512vl' but not 'avx512f'");
            }

            case BindingCodes.DuplicateVendorString:
            {
                b.Vendor("Intel", "GenuineIntel");
                var second = b.Vendor("Intel2", "GenuineIntel");
                return new(Bind(), second.Name.Span, warning, "always find 'Intel' first");
            }

            case BindingCodes.RuleNotRebound:
            {
                // Rebinding (built-in quirks onto a loaded cpu_map) is the only source of this warning.
                b.Vendor("Intel", "GenuineIntel");
                var rule = b.Rule("broken-tsx", b.IsVendor("Intel"));
                var source = b.Bind().Database!;
                var target = new DeclarationBuilder();
                target.Vendor("AMD", "AuthenticAMD");
                var (_, diagnostics) = FactRebinder.AddFacts(target.Bind().Database!, source);
                return new(diagnostics, rule.Span, warning, "rule 'broken-tsx' is left out: this map has no vendor 'Intel'");
            }

            case BindingCodes.UnknownPool:
            {
                b.Model("M");
                b.Pool("east");
                var check = b.AtLeast("eats", "M");
                return new(Bind(), check.Pool.Span, error, "unknown pool 'eats' — did you mean 'east'?");
            }

            case BindingCodes.UnknownLevel:
            {
                b.Feature("f");
                b.Level("x86-64-v1", null, "f");
                var level = b.Level("x86-64-v2", "x86-64-v0", "f");
                return new(Bind(), level.Base!.Value.Span, error, "unknown level 'x86-64-v0'");
            }

            case BindingCodes.DuplicateLevel:
            {
                b.Feature("f");
                var first = b.Level("v1", null, "f");
                var second = b.Level("v1", null, "f");
                return new(Bind(), second.Name.Span, error, $"already defined at {first.Name.Span}");
            }

            case BindingCodes.LevelIsOwnBase:
            {
                b.Feature("f");
                var level = b.Level("v1", "v1", "f");
                return new(Bind(), level.Base!.Value.Span, error, "cannot be its own base");
            }

            case BindingCodes.HostTestInRule:
            {
                b.Feature("f");
                var label = b.Label("cluster", "east");
                b.Rule("r", label, "f");
                return new(Bind(), label.Span, error, "use them in a pool's 'select'");
            }

            case BindingCodes.NotAPolicyDeclaration:
            {
                b.Feature("f");
                var database = b.Bind().Database!;
                var policy = new DeclarationBuilder();
                var feature = policy.Feature("g");
                var extended = DatabaseBinder.Extend(database, policy.Declarations);
                return new(extended.Diagnostics, feature.Span, error, "a feature cannot be declared in a policy file");
            }

            default:
                throw new InvalidOperationException($"{code} has no scenario; add one to {nameof(ScenarioFor)}.");
        }
    }
}
