using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Emit;
using CpuCompat.Language.Tests.TestSupport;
using FsCheck;
using FsCheck.Xunit;

namespace CpuCompat.Language.Tests.Emit;

/// <summary>The writer's contract: what it writes parses back to the same declarations (spans aside).</summary>
public class DslWriterRoundTripTests
{
    [Fact]
    public void Every_statement_kind_survives_a_round_trip()
    {
        var declarations = Dsl.Declarations(Samples.Everything);

        var again = Dsl.Declarations(DslWriter.Write(declarations));

        Assert.Equal(DeclarationText.Describe(declarations), DeclarationText.Describe(again));
    }

    [Fact]
    public void Written_text_is_a_fixed_point()
    {
        var text = DslWriter.Write(Dsl.Declarations(Samples.Everything));

        Assert.Equal(text, DslWriter.Write(Dsl.Declarations(text)));
    }

    [Property(Arbitrary = [typeof(DeclarationGenerators)], MaxTest = 300)]
    public void Random_declarations_survive_a_round_trip(DeclarationSet set)
    {
        var text = DslWriter.Write(set.Declarations);

        var (again, diagnostics) = Dsl.Build(text);

        Assert.True(diagnostics.IsEmpty, text + "\n" + string.Join("\n", diagnostics));
        Assert.Equal(DeclarationText.Canonical(set.Declarations), DeclarationText.Describe(again));
    }

    [Property(Arbitrary = [typeof(DeclarationGenerators)], MaxTest = 100)]
    public void Random_declarations_survive_a_round_trip_through_the_file_layout(DeclarationSet set)
    {
        var files = DslWriter.WriteLayout(set.Declarations);

        // Compile the files in the order a directory would give them: ordinal by relative path.
        var rebuilt = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).SelectMany(f =>
        {
            var (declarations, diagnostics) = Dsl.Build(f.Text);
            Assert.True(diagnostics.IsEmpty, f.Text + "\n" + string.Join("\n", diagnostics));
            return declarations;
        }).ToList();

        // The layout regroups by architecture and kind; within each the order is the map order.
        Assert.Equal(ByArchAndKind(DeclarationText.Canonical(set.Declarations), set.Declarations), ByArchAndKind(DeclarationText.Describe(rebuilt), rebuilt));
    }

    [Fact]
    public void A_multi_register_location_is_written_as_one_location_per_register()
    {
        var feature = new FeatureDeclaration(
            ArchFamily.X86, new NameRef("f", default),
            [new FeatureBitsSyntax(DataKey.Cpuid(0x1), new Registers(0, 0, 1u << 3, 1u << 7), default)],
            true, [], default);

        var text = DslWriter.Write([feature]);

        Assert.Contains("feature f = cpuid(0x1).ecx[3], cpuid(0x1).edx[7];", text, StringComparison.Ordinal);
        var bits = Assert.IsType<FeatureDeclaration>(Assert.Single(Dsl.Declarations(text))).Bits;
        Assert.Equal(new Registers(0, 0, 1u << 3, 1u << 7), bits.Aggregate(Registers.Zero, (r, b) => r.Or(b.Mask)));
    }

    [Fact]
    public void Interleaved_model_feature_kinds_are_grouped_keeping_their_order_within_a_kind()
    {
        ModelFeatureRef Ref(string name, ModelFeatureKind kind) => new(new NameRef(name, default), kind);
        var model = new ModelDeclaration(
            ArchFamily.X86, new NameRef("M", default), null, null, [], true, true, false,
            [Ref("b", ModelFeatureKind.Include), Ref("mpx", ModelFeatureKind.Removed), Ref("a", ModelFeatureKind.Include),
             Ref("x", ModelFeatureKind.Added), Ref("c", ModelFeatureKind.Subtract), Ref("monitor", ModelFeatureKind.Removed)],
            [], default);

        var text = DslWriter.Write([model]);

        Assert.Contains("    features b a -c;\n    removed mpx monitor;\n    added x;\n", text, StringComparison.Ordinal);
    }

    private static string[] ByArchAndKind(string[] descriptions, IReadOnlyList<Declaration> declarations) =>
        [.. descriptions.Select((d, i) => (d, Key: declarations[i] is ArchDeclaration a ? $"{a.Arch}/{a.GetType().Name}" : "compat"))
            .GroupBy(x => x.Key).OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(g => g.Select(x => x.d))];
}
