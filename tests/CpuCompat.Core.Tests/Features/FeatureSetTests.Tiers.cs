using CpuCompat.Core.Features;
using CpuCompat.Core.Features.Kernels;
using CpuCompat.Core.Tests.Features.Kernels;
using CpuCompat.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.Core.Tests.Features;

/// <summary>The tier matrix at feature-set width (8 words: one Vector512, two Vector256, four Vector128).</summary>
public sealed partial class FeatureSetTests
{
    public static TheoryData<VectorTier, BitOp> TiersAndOperators => BitKernelsTests.TiersAndOperators;

    private static FeatureSet ApplyOn(BitOp op, in FeatureSet x, in FeatureSet y, VectorTier tier) => op switch
    {
        BitOp.And => FeatureSet.Apply<AndOperator>(x, y, tier),
        BitOp.Or => FeatureSet.Apply<OrOperator>(x, y, tier),
        BitOp.AndNot => FeatureSet.Apply<AndNotOperator>(x, y, tier),
        _ => FeatureSet.Apply<XorOperator>(x, y, tier),
    };

    private static IEnumerable<int> ModelOf(BitOp op, HashSet<int> a, HashSet<int> b) => op switch
    {
        BitOp.And => a.Intersect(b),
        BitOp.Or => a.Union(b),
        BitOp.AndNot => a.Except(b),
        _ => a.Except(b).Union(b.Except(a)),
    };

    [Theory]
    [MemberData(nameof(TiersAndOperators))]
    public void Apply_on_every_tier_agrees_with_the_set_model(VectorTier tier, BitOp op)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        var property = Prop.ForAll(FeatureGenerators.IdsPair(), pair =>
        {
            var (a, b) = (SetOf(pair.A), SetOf(pair.B));
            var expected = Sorted(ModelOf(op, pair.A.ToHashSet(), pair.B.ToHashSet()));
            var actual = ApplyOn(op, a, b, tier);
            Assert.Equal(expected, actual.ToList());
            Assert.True(actual == ApplyOn(op, a, b, VectorTier.Scalar));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Theory]
    [MemberData(nameof(BitKernelsTests.Tiers), MemberType = typeof(BitKernelsTests))]
    public void Predicates_on_every_tier_agree_with_the_set_model(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        var property = Prop.ForAll(FeatureGenerators.IdsPair(), pair =>
        {
            var (a, b) = (SetOf(pair.A), SetOf(pair.B));
            var (ma, mb) = (pair.A.ToHashSet(), pair.B.ToHashSet());
            Assert.Equal(ma.IsSubsetOf(mb), BitKernels.AllZero<AndNotOperator>(a.Words, b.Words, tier));
            Assert.Equal(!ma.Overlaps(mb), BitKernels.AllZero<AndOperator>(a.Words, b.Words, tier));
            Assert.Equal(ma.SetEquals(mb), BitKernels.AllZero<XorOperator>(a.Words, b.Words, tier));
            Assert.Equal(ma.Count == 0, BitKernels.IsZero(a.Words, tier));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Theory]
    [MemberData(nameof(BitKernelsTests.Tiers), MemberType = typeof(BitKernelsTests))]
    public void IntersectAll_on_every_tier_agrees_with_the_set_model(VectorTier tier)
    {
        BitKernelsTests.SkipUnlessSupported(tier);
        var lists = Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(FeatureGenerators.IdsPair().Generator, n));
        var property = Prop.ForAll(lists.ToArbitrary(), pairs =>
        {
            // Each pair gives a set and its partner, so related sets (equal, subset, one apart) meet in one list.
            var sets = pairs.SelectMany(p => new[] { SetOf(p.A), SetOf(p.B) }).ToArray();
            var model = Enumerable.Range(0, FeatureSet.Capacity).ToHashSet();
            foreach (var set in sets)
            {
                model.IntersectWith(set.ToList());
            }

            var actual = FeatureSet.IntersectAll(sets, tier);
            Assert.Equal(Sorted(model), actual.ToList());
            Assert.True(actual == FeatureSet.IntersectAll(sets, VectorTier.Scalar));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
