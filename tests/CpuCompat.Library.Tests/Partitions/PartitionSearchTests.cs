using System.Collections.Immutable;
using CpuCompat.Core.Features;
using CpuCompat.Partitions;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Library.Tests.Partitions;

/// <summary>
/// The estimate search on random feature sets: the greedy merge is the obvious slow greedy (every pair, every step);
/// the moves never lose, end where no single move gains, and keep a partition of every item into as many pools.
/// </summary>
public sealed class PartitionSearchTests
{
    private const int Features = 40;

    [Fact]
    public void Greedy_merge_equals_the_all_pairs_greedy_and_moves_reach_a_partition_no_single_move_improves()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (items, weights, k) = Random(seed);
            var search = new PartitionSearch(items, weights);
            var greedy = search.Greedy(k);
            Assert.Equal(Canonical(AllPairsGreedy(items, weights, k)), Canonical(greedy));

            var refined = search.Refine(greedy);
            AssertPartition(items, refined, greedy.Count);
            Assert.True(Total(search, refined) >= Total(search, greedy));
            var of = new int[items.Length];
            for (var p = 0; p < refined.Count; p++)
            {
                foreach (var i in refined[p])
                {
                    of[i] = p;
                }
            }

            // No item of a pool of two or more gains by moving to another pool of its group.
            var total = Total(search, refined);
            for (var i = 0; i < items.Length; i++)
            {
                if (refined[of[i]].Length < 2)
                {
                    continue;
                }

                for (var p = 0; p < refined.Count; p++)
                {
                    if (p != of[i] && items[refined[p][0]].Group == items[i].Group)
                    {
                        var moved = refined.Select((pool, q) => q == of[i] ? [.. pool.Where(x => x != i)] : q == p ? [.. pool, i] : pool).ToList();
                        Assert.True(Total(search, moved) <= total, $"moving item {i} to pool {p} gains");
                    }
                }
            }
        }));
    }

    [Fact]
    public void Moves_improve_a_greedy_merge_that_took_the_wrong_first_step()
    {
        // Greedy first merges a and c (least loss: 9, tied with c and d, and a comes first), which leaves b and d to
        // share one feature. Moving a over to b and d afterwards gains 4: 6 + 15 against 7 + 10.
        var items = ImmutableArray.Create(
            new SearchItem(0, FeatureSet.Of(1, 3), 5),
            new SearchItem(0, FeatureSet.Of(0, 1, 4), 5),
            new SearchItem(0, FeatureSet.Of(0, 2, 3), 2),
            new SearchItem(0, FeatureSet.Of(1, 2), 5));
        var search = new PartitionSearch(items, [Uniform()]);
        var greedy = search.Greedy(2);
        Assert.Equal(["0,2", "1,3"], Canonical(greedy));
        Assert.Equal(17, Total(search, greedy));
        var refined = search.Refine(greedy);
        Assert.Equal(["0,1,3", "2"], Canonical(refined));
        Assert.Equal(21, Total(search, refined));
    }

    [Fact]
    public void Items_of_different_groups_never_share_a_pool_and_each_group_keeps_one()
    {
        var same = FeatureSet.Of(0, 1, 2);
        var items = ImmutableArray.Create(new SearchItem(0, same, 1), new SearchItem(0, same, 1), new SearchItem(1, same, 1), new SearchItem(1, same, 1));
        var search = new PartitionSearch(items, [Uniform(), Uniform()]);
        Assert.Equal(["0,1", "2,3"], Canonical(search.Greedy(1)));
        Assert.Equal(["0,1", "2,3"], Canonical(search.OnePerGroup()));
    }

    private static (ImmutableArray<SearchItem> Items, ImmutableArray<WeightTable> Weights, int K) Random(int seed)
    {
        var random = new Random(seed);
        var groups = random.Next(1, 4);
        var items = ImmutableArray.CreateBuilder<SearchItem>();
        for (var g = 0; g < groups; g++)
        {
            // Sets drawn around a few "generations" so that some share much and some little, as real CPUs do.
            var generation = FeatureSet.Of(Enumerable.Range(0, Features).Where(_ => random.Next(3) > 0));
            for (var n = random.Next(1, 9); n > 0; n--)
            {
                var set = generation;
                for (var flips = random.Next(0, 8); flips > 0; flips--)
                {
                    var f = random.Next(Features);
                    set = set.Contains(f) ? set.Without(f) : set.With(f);
                }

                items.Add(new SearchItem(g, set, random.Next(1, 6)));
            }
        }

        var weights = Enumerable.Range(0, groups).Select(_ => new WeightTable([.. Enumerable.Range(0, Features).Select(_ => random.Next(0, 4))])).ToImmutableArray();
        return (items.ToImmutable(), weights, groups + random.Next(0, 5));
    }

    private static List<int[]> AllPairsGreedy(ImmutableArray<SearchItem> items, ImmutableArray<WeightTable> weights, int k)
    {
        var pools = Enumerable.Range(0, items.Length).Select(i => new List<int> { i }).ToList();
        long Worth(List<int> pool) => pool.Sum(i => items[i].Hosts) * weights[items[pool[0]].Group].Of(pool.Aggregate(items[pool[0]].Features, (s, i) => s & items[i].Features));
        while (pools.Count > k)
        {
            (int I, int J, long Loss)? best = null;
            for (var i = 0; i < pools.Count; i++)
            {
                for (var j = i + 1; j < pools.Count; j++)
                {
                    if (items[pools[i][0]].Group == items[pools[j][0]].Group
                        && Worth(pools[i]) + Worth(pools[j]) - Worth([.. pools[i], .. pools[j]]) is var loss && (best is null || loss < best.Value.Loss))
                    {
                        best = (i, j, loss);
                    }
                }
            }

            if (best is null)
            {
                break;
            }

            pools[best.Value.I].AddRange(pools[best.Value.J]);
            pools.RemoveAt(best.Value.J);
        }

        return [.. pools.Select(p => p.ToArray())];
    }

    private static void AssertPartition(ImmutableArray<SearchItem> items, List<int[]> pools, int count)
    {
        Assert.Equal(count, pools.Count);
        Assert.Equal(Enumerable.Range(0, items.Length), pools.SelectMany(p => p).Order());
        Assert.All(pools, p => Assert.Single(p.Select(i => items[i].Group).Distinct()));
    }

    private static long Total(PartitionSearch search, IEnumerable<IReadOnlyList<int>> pools) => pools.Sum(search.Estimate);

    private static List<string> Canonical(IEnumerable<int[]> pools) => [.. pools.Select(p => string.Join(',', p.Order())).Order(StringComparer.Ordinal)];

    private static WeightTable Uniform() => new([.. Enumerable.Repeat(1, Features)]);
}
