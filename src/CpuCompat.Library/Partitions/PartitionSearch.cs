using System.Collections.Immutable;
using CpuCompat.Core.Features;

namespace CpuCompat.Partitions;

/// <summary>One distinct CPU to place: the group it must stay in (one vendor and architecture), its features and its hosts.</summary>
internal readonly record struct SearchItem(int Group, FeatureSet Features, long Hosts);

/// <summary>
/// The search of <c>pool suggest</c> on an estimate of the objective: a pool's guests are taken to keep the features
/// all its members share (the intersection of their feature sets, which libvirt's baseline offers up to the few
/// features its model choice drops), so a pool is worth its hosts times the weight of that intersection. Items of
/// different groups never share a pool. Item indices are in a canonical order (groups contiguous), and every tie is
/// broken by it, so the partitions do not depend on the order of the input.
/// </summary>
internal sealed class PartitionSearch
{
    /// <summary>A bound on the passes of <see cref="Refine"/> (each move strictly gains, so it ends anyway); on real fleets it settles in two or three.</summary>
    public const int MaxPasses = 50;

    private readonly ImmutableArray<SearchItem> _items;
    private readonly ImmutableArray<WeightTable> _weights;
    private readonly int[] _groupStart;
    private readonly int[] _groupEnd;

    public PartitionSearch(ImmutableArray<SearchItem> items, ImmutableArray<WeightTable> groupWeights)
    {
        _items = items;
        _weights = groupWeights;
        _groupStart = new int[groupWeights.Length];
        _groupEnd = new int[groupWeights.Length];
        Array.Fill(_groupStart, -1);
        for (var i = 0; i < items.Length; i++)
        {
            var g = items[i].Group;
            if (_groupStart[g] < 0)
            {
                _groupStart[g] = i;
            }
            else if (_groupEnd[g] != i)
            {
                throw new ArgumentException("the items of a group must be contiguous", nameof(items));
            }

            _groupEnd[g] = i + 1;
        }
    }

    /// <summary>The estimated worth of a pool of the given items: its hosts times the weight of the features they all have.</summary>
    public long Estimate(IReadOnlyList<int> pool)
    {
        var shared = _items[pool[0]].Features;
        long hosts = 0;
        foreach (var i in pool)
        {
            shared &= _items[i].Features;
            hosts += _items[i].Hosts;
        }

        return hosts * _weights[_items[pool[0]].Group].Of(shared);
    }

    /// <summary>Each group in one pool.</summary>
    public List<int[]> OnePerGroup() =>
        [.. Enumerable.Range(0, _groupStart.Length).Where(g => _groupStart[g] >= 0).Select(g => Enumerable.Range(_groupStart[g], _groupEnd[g] - _groupStart[g]).ToArray())];

    /// <summary>
    /// Greedy agglomerative merging: every item starts as a pool of its own, and while there are more than
    /// <paramref name="k"/> pools the two of one group whose merge loses the least estimated worth are merged (ties: the
    /// pair that comes first in canonical order). Each pool keeps its best partner, so a merge costs one pass over its
    /// group plus a new row for each pool whose partner it took, not a pass over every pair: 3,000 distinct CPUs of one
    /// vendor merge down to 4 pools in about 1 s of CPU (7,500 rows recomputed), where all pairs each step is O(n³).
    /// </summary>
    public List<int[]> Greedy(int k)
    {
        var n = _items.Length;
        var shared = new FeatureSet[n];
        var hosts = new long[n];
        var worth = new long[n];
        var group = new int[n];
        var members = new List<int>?[n];
        var best = new int[n];
        var bestLoss = new long[n];
        for (var i = 0; i < n; i++)
        {
            var item = _items[i];
            (shared[i], hosts[i], group[i], members[i]) = (item.Features, item.Hosts, item.Group, [i]);
            worth[i] = hosts[i] * _weights[group[i]].Of(shared[i]);
            (best[i], bestLoss[i]) = (-1, long.MaxValue);
        }

        // The loss of merging two pools of one group (whose weights are w): hot, so plain arrays, no item copies.
        long Loss(int a, int b, WeightTable w) => worth[a] + worth[b] - ((hosts[a] + hosts[b]) * w.Of(shared[a] & shared[b]));

        // A pool is named by its first item; a pool's best partner is the one of least loss, the first such on a tie.
        void FindBest(int c)
        {
            (best[c], bestLoss[c]) = (-1, long.MaxValue);
            var g = group[c];
            var w = _weights[g];
            for (var d = _groupStart[g]; d < _groupEnd[g]; d++)
            {
                if (d != c && members[d] is not null && Loss(c, d, w) is var loss && loss < bestLoss[c])
                {
                    (best[c], bestLoss[c]) = (d, loss);
                }
            }
        }

        // Every pair once (the loss is symmetric): ascending d, so the first of least loss wins on both sides.
        for (var c = 0; c < n; c++)
        {
            var w = _weights[group[c]];
            for (var d = c + 1; d < _groupEnd[group[c]]; d++)
            {
                var loss = Loss(c, d, w);
                if (loss < bestLoss[c])
                {
                    (best[c], bestLoss[c]) = (d, loss);
                }

                if (loss < bestLoss[d])
                {
                    (best[d], bestLoss[d]) = (c, loss);
                }
            }
        }

        for (var count = n; count > k; count--)
        {
            // The pair of least (loss, first, second): a pool's best partner is its first of least loss, so comparing
            // each pool's best by (loss, lower index, higher index) finds the canonical first pair of least loss.
            var (a, b, least) = (-1, -1, long.MaxValue);
            for (var c = 0; c < n; c++)
            {
                if (members[c] is null || best[c] < 0)
                {
                    continue;
                }

                var (lo, hi) = c < best[c] ? (c, best[c]) : (best[c], c);
                if (bestLoss[c] < least || (bestLoss[c] == least && (lo < a || (lo == a && hi < b))))
                {
                    (a, b, least) = (lo, hi, bestLoss[c]);
                }
            }

            if (a < 0)
            {
                break; // every group is down to one pool
            }

            shared[a] &= shared[b];
            hosts[a] += hosts[b];
            var g = group[a];
            var weights = _weights[g];
            worth[a] = hosts[a] * weights.Of(shared[a]);
            members[a]!.AddRange(members[b]!);
            members[b] = null;
            for (var c = _groupStart[g]; c < _groupEnd[g]; c++)
            {
                if (c == a || members[c] is null)
                {
                    continue;
                }

                if (best[c] == a || best[c] == b)
                {
                    FindBest(c);
                }
                else if (Loss(c, a, weights) is var loss && (loss < bestLoss[c] || (loss == bestLoss[c] && a < best[c])))
                {
                    (best[c], bestLoss[c]) = (a, loss);
                }
            }

            FindBest(a);
        }

        return [.. members.OfType<List<int>>().Select(m => m.Order().ToArray())];
    }

    /// <summary>
    /// Local search from <paramref name="start"/>: in canonical order, each item moves to the pool of its group where
    /// the estimate gains most (a pool keeps at least one item, so there are never fewer pools), pass after pass until
    /// no move gains. Never worse than the start, by the estimate.
    /// </summary>
    public List<int[]> Refine(IReadOnlyList<int[]> start)
    {
        var pools = start.Select(p => p.ToList()).ToList();
        var of = new int[_items.Length];
        var shared = new FeatureSet[pools.Count];
        var hosts = new long[pools.Count];
        for (var p = 0; p < pools.Count; p++)
        {
            (shared[p], hosts[p]) = Totals(pools[p]);
            pools[p].ForEach(i => of[i] = p);
        }

        var byGroup = Enumerable.Range(0, pools.Count).GroupBy(p => _items[pools[p][0]].Group).ToDictionary(g => g.Key, g => g.ToArray());
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var moved = false;
            for (var i = 0; i < _items.Length; i++)
            {
                var from = of[i];
                if (pools[from].Count == 1)
                {
                    continue;
                }

                var item = _items[i];
                var weights = _weights[item.Group];
                var (without, rest) = Totals(pools[from], skip: i);
                var before = hosts[from] * weights.Of(shared[from]);
                var (to, gain) = (-1, 0L);
                foreach (var p in byGroup[item.Group])
                {
                    if (p == from)
                    {
                        continue;
                    }

                    var change = (rest * weights.Of(without)) + ((hosts[p] + item.Hosts) * weights.Of(shared[p] & item.Features))
                        - before - (hosts[p] * weights.Of(shared[p]));
                    if (change > gain)
                    {
                        (to, gain) = (p, change);
                    }
                }

                if (to < 0)
                {
                    continue;
                }

                pools[from].Remove(i);
                (shared[from], hosts[from]) = (without, rest);
                var at = pools[to].BinarySearch(i);
                pools[to].Insert(~at, i);
                (shared[to], hosts[to]) = (shared[to] & item.Features, hosts[to] + item.Hosts);
                of[i] = to;
                moved = true;
            }

            if (!moved)
            {
                break;
            }
        }

        return [.. pools.Select(p => p.ToArray())];
    }

    /// <summary>The features the items share and their hosts, leaving out item <paramref name="skip"/>.</summary>
    private (FeatureSet Shared, long Hosts) Totals(List<int> pool, int skip = -1)
    {
        var shared = FeatureSet.FirstN(FeatureSet.Capacity);
        long hosts = 0;
        foreach (var i in pool)
        {
            if (i != skip)
            {
                shared &= _items[i].Features;
                hosts += _items[i].Hosts;
            }
        }

        return (shared, hosts);
    }
}
