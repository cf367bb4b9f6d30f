using CpuCompat.Core.Features;
using CpuCompat.Core.Tests.Support;
using FsCheck.Xunit;

namespace CpuCompat.Core.Tests.Features;

/// <summary>Every <see cref="FeatureSet"/> operation as a property against a <see cref="HashSet{T}"/> model.</summary>
public sealed partial class FeatureSetTests
{
    private static FeatureSet SetOf(IEnumerable<int> ids) => FeatureSet.Of(ids);

    private static List<int> Sorted(IEnumerable<int> ids) => [.. ids.Distinct().Order()];

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void Of_holds_exactly_the_given_ids_listed_in_ascending_order(Ids ids)
    {
        var fromEnumerable = FeatureSet.Of(ids.Values.AsEnumerable());
        var fromSpan = FeatureSet.Of(ids.Values.AsSpan());
        var expected = Sorted(ids.Values);

        Assert.Equal(expected, fromEnumerable.ToList());
        Assert.Equal(expected, fromSpan.ToList());
        var enumerated = new List<int>();
        foreach (var id in fromSpan)
        {
            enumerated.Add(id);
        }

        Assert.Equal(expected, enumerated);
        Assert.Equal(expected.Count, fromSpan.PopCount());
        Assert.Equal(expected.Count == 0, fromSpan.IsEmpty);
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void Contains_agrees_with_the_model_for_every_id(Ids ids)
    {
        var set = SetOf(ids.Values);
        var model = ids.Model;
        for (var id = 0; id < FeatureSet.Capacity; id++)
        {
            Assert.Equal(model.Contains(id), set.Contains(id));
        }
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void With_and_Without_add_and_remove_one_id_and_leave_the_original_alone(Ids ids, FeatureId id)
    {
        var set = SetOf(ids.Values);
        var with = set.With(id.Value);
        var without = set.Without(id.Value);

        var model = ids.Model;
        Assert.Equal(Sorted(model.Append(id.Value)), with.ToList());
        Assert.Equal(Sorted(model.Where(i => i != id.Value)), without.ToList());
        Assert.Equal(Sorted(model), set.ToList());
        Assert.True(with.Contains(id.Value));
        Assert.False(without.Contains(id.Value));
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void Set_operations_and_their_operators_agree_with_the_model(IdsPair pair)
    {
        var (a, b) = (SetOf(pair.A), SetOf(pair.B));
        var (ma, mb) = (pair.A.ToHashSet(), pair.B.ToHashSet());

        var and = Sorted(ma.Intersect(mb));
        var or = Sorted(ma.Union(mb));
        var andNot = Sorted(ma.Except(mb));
        var xor = Sorted(ma.Except(mb).Union(mb.Except(ma)));

        Assert.Equal(and, FeatureSet.And(a, b).ToList());
        Assert.Equal(and, (a & b).ToList());
        Assert.Equal(or, FeatureSet.Or(a, b).ToList());
        Assert.Equal(or, (a | b).ToList());
        Assert.Equal(andNot, FeatureSet.AndNot(a, b).ToList());
        Assert.Equal(andNot, a.Except(b).ToList());
        Assert.Equal(andNot.Count, a.CountExcept(b));
        Assert.Equal(xor, FeatureSet.Xor(a, b).ToList());
        Assert.Equal(xor, (a ^ b).ToList());
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void Subset_superset_and_intersection_agree_with_the_model(IdsPair pair)
    {
        var (a, b) = (SetOf(pair.A), SetOf(pair.B));
        var (ma, mb) = (pair.A.ToHashSet(), pair.B.ToHashSet());

        Assert.Equal(ma.IsSubsetOf(mb), a.IsSubsetOf(b));
        Assert.Equal(mb.IsSubsetOf(ma), b.IsSubsetOf(a));
        Assert.Equal(ma.IsSupersetOf(mb), a.IsSupersetOf(b));
        Assert.Equal(ma.Overlaps(mb), a.Intersects(b));
        Assert.Equal(ma.Overlaps(mb), b.Intersects(a));
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void Sets_are_equal_exactly_when_they_hold_the_same_ids(IdsPair pair)
    {
        var (a, b) = (SetOf(pair.A), SetOf(pair.B));
        var same = pair.A.ToHashSet().SetEquals(pair.B);

        Assert.Equal(same, a.Equals(b));
        Assert.Equal(same, a.Equals((object)b));
        Assert.Equal(same, a == b);
        Assert.Equal(!same, a != b);
        if (same)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }

        // Built in another order, a set is the same value.
        var reversed = SetOf(pair.A.Reverse());
        Assert.True(a == reversed);
        Assert.Equal(a.GetHashCode(), reversed.GetHashCode());
        Assert.False(a.Equals("not a set"));
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void First_is_the_smallest_id_or_minus_one_when_empty(Ids ids)
    {
        Assert.Equal(ids.Values.Length == 0 ? -1 : ids.Values.Min(), SetOf(ids.Values).First());
    }

    [Property(Arbitrary = [typeof(FeatureGenerators)])]
    public void ToList_and_ToString_list_the_ids_in_ascending_order(Ids ids)
    {
        var set = SetOf(ids.Values);
        Assert.Equal(Sorted(ids.Values), set.ToList());
        Assert.Equal("{" + string.Join(", ", Sorted(ids.Values)) + "}", set.ToString());
    }

    [Fact]
    public void FirstN_holds_the_ids_below_its_count_for_every_count()
    {
        for (var n = 0; n <= FeatureSet.Capacity; n++)
        {
            var set = FeatureSet.FirstN(n);
            Assert.Equal(n, set.PopCount());
            Assert.Equal(Enumerable.Range(0, n), set.ToList());
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(FeatureSet.Capacity + 1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void FirstN_rejects_counts_outside_zero_to_capacity(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSet.FirstN(count));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(63, 0, 63)]
    [InlineData(64, 1, 0)]
    [InlineData(511, 7, 63)]
    public void Edge_ids_land_in_their_word_and_bit(int id, int word, int bit)
    {
        var set = FeatureSet.Of(id);
        Assert.Equal(1UL << bit, set.Words[word]);
        Assert.Equal(1, set.PopCount());
        Assert.True(set.Contains(id));
        Assert.Equal(id, set.First());
        Assert.True(FeatureSet.Empty.With(id) == set);
        Assert.True(set.Without(id).IsEmpty);
        Assert.Equal([id], set.ToList());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(FeatureSet.Capacity)]
    [InlineData(1000)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Ids_outside_the_capacity_throw_ArgumentOutOfRangeException(int id)
    {
        var set = FeatureSet.Of(1, 2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Contains(id));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.With(id));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Without(id));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSet.Of(0, id));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSet.Of(new List<int> { 0, id }));
    }

    [Fact]
    public void The_empty_set_is_the_default_value()
    {
        var empty = FeatureSet.Empty;
        Assert.True(empty == default);
        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.PopCount());
        Assert.Equal(-1, empty.First());
        Assert.Empty(empty.ToList());
        Assert.Equal("{}", empty.ToString());
        Assert.True(empty.IsSubsetOf(FeatureSet.Of(5)));
        Assert.False(empty.Intersects(FeatureSet.FirstN(FeatureSet.Capacity)));
    }

    [Fact]
    public void FromWords_pads_short_input_and_rejects_more_words_than_the_width()
    {
        Assert.Equal([0, 64, 65], FeatureSet.FromWords([1UL, 3UL]).ToList());
        Assert.True(FeatureSet.FromWords([]).IsEmpty);
        Assert.Equal(FeatureSet.FirstN(FeatureSet.Capacity), FeatureSet.FromWords(Enumerable.Repeat(ulong.MaxValue, FeatureSet.WordCount).ToArray()));
        Assert.Throws<ArgumentException>(() => FeatureSet.FromWords(new ulong[FeatureSet.WordCount + 1]));
    }
}
