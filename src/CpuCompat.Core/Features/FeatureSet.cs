using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CpuCompat.Core.Features.Kernels;

namespace CpuCompat.Core.Features;

[InlineArray(FeatureSet.WordCount)]
internal struct FeatureWords
{
    private ulong _element0;
}

/// <summary>
/// A set of features of one architecture, as a fixed-width bitset over the database's dense feature ids
/// (id = position in map order). A value type: every operation returns a new set.
/// </summary>
/// <remarks>
/// 512 bits, one AVX-512 register: libvirt 11.3.0's x86 map has 364 features. The database compiler
/// reports an error if an architecture ever declares more than <see cref="Capacity"/> features;
/// raising the width is a change of <see cref="Capacity"/> alone.
/// </remarks>
public readonly struct FeatureSet : IEquatable<FeatureSet>
{
    public const int Capacity = 512;
    internal const int WordCount = Capacity / 64;

    private readonly FeatureWords _words;

    private FeatureSet(FeatureWords words) => _words = words;

    public static FeatureSet Empty => default;

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    internal ReadOnlySpan<ulong> Words => _words;

    public bool IsEmpty => BitKernels.IsZero(Words, BitKernels.BestTier);

    /// <summary>The number of features in the set.</summary>
    public int PopCount() => BitKernels.PopCount(Words);

    /// <summary>The number of features of this set that are not in <paramref name="other"/>, without building the difference.</summary>
    public int CountExcept(in FeatureSet other) => BitKernels.PopCountAndNot(Words, other.Words);

    /// <summary>Whether feature <paramref name="id"/> is in the set.</summary>
    public bool Contains(int id)
    {
        CheckId(id);
        return (_words[id >> 6] & (1UL << (id & 63))) != 0;
    }

    public FeatureSet With(int id)
    {
        CheckId(id);
        var words = _words;
        words[id >> 6] |= 1UL << (id & 63);
        return new FeatureSet(words);
    }

    public FeatureSet Without(int id)
    {
        CheckId(id);
        var words = _words;
        words[id >> 6] &= ~(1UL << (id & 63));
        return new FeatureSet(words);
    }

    public static FeatureSet Of(params ReadOnlySpan<int> ids)
    {
        FeatureWords words = default;
        foreach (var id in ids)
        {
            CheckId(id);
            words[id >> 6] |= 1UL << (id & 63);
        }

        return new FeatureSet(words);
    }

    public static FeatureSet Of(IEnumerable<int> ids)
    {
        FeatureWords words = default;
        foreach (var id in ids)
        {
            CheckId(id);
            words[id >> 6] |= 1UL << (id & 63);
        }

        return new FeatureSet(words);
    }

    /// <summary>The set of ids <c>0 .. count-1</c>.</summary>
    public static FeatureSet FirstN(int count)
    {
        if (count is < 0 or > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        FeatureWords words = default;
        for (var w = 0; w < WordCount; w++)
        {
            var bits = Math.Clamp(count - (w * 64), 0, 64);
            words[w] = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        }

        return new FeatureSet(words);
    }

    /// <summary>Builds a set from raw words (tests and the database reader); <paramref name="words"/> may be shorter than the width.</summary>
    internal static FeatureSet FromWords(ReadOnlySpan<ulong> words)
    {
        if (words.Length > WordCount)
        {
            throw new ArgumentException("Too many words for a feature set.", nameof(words));
        }

        FeatureWords w = default;
        words.CopyTo(w);
        return new FeatureSet(w);
    }

    public static FeatureSet And(in FeatureSet x, in FeatureSet y) => Apply<AndOperator>(x, y, BitKernels.BestTier);

    public static FeatureSet Or(in FeatureSet x, in FeatureSet y) => Apply<OrOperator>(x, y, BitKernels.BestTier);

    /// <summary>The features of <paramref name="x"/> that are not in <paramref name="y"/>.</summary>
    public static FeatureSet AndNot(in FeatureSet x, in FeatureSet y) => Apply<AndNotOperator>(x, y, BitKernels.BestTier);

    public static FeatureSet Xor(in FeatureSet x, in FeatureSet y) => Apply<XorOperator>(x, y, BitKernels.BestTier);

    /// <summary>The features every one of <paramref name="sets"/> has; every id up to <see cref="Capacity"/> when there are none.</summary>
    public static FeatureSet IntersectAll(ReadOnlySpan<FeatureSet> sets) => IntersectAll(sets, BitKernels.BestTier);

    public static FeatureSet operator &(in FeatureSet x, in FeatureSet y) => And(x, y);

    public static FeatureSet operator |(in FeatureSet x, in FeatureSet y) => Or(x, y);

    public static FeatureSet operator ^(in FeatureSet x, in FeatureSet y) => Xor(x, y);

    /// <summary>The features of this set that are not in <paramref name="other"/>.</summary>
    public FeatureSet Except(in FeatureSet other) => AndNot(this, other);

    public bool IsSubsetOf(in FeatureSet other) => BitKernels.AllZero<AndNotOperator>(Words, other.Words, BitKernels.BestTier);

    public bool IsSupersetOf(in FeatureSet other) => other.IsSubsetOf(this);

    public bool Intersects(in FeatureSet other) => !BitKernels.AllZero<AndOperator>(Words, other.Words, BitKernels.BestTier);

    public bool Equals(FeatureSet other) => BitKernels.AllZero<XorOperator>(Words, other.Words, BitKernels.BestTier);

    public override bool Equals(object? obj) => obj is FeatureSet other && Equals(other);

    public static bool operator ==(in FeatureSet x, in FeatureSet y) => x.Equals(y);

    public static bool operator !=(in FeatureSet x, in FeatureSet y) => !x.Equals(y);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var word in Words)
        {
            hash.Add(word);
        }

        return hash.ToHashCode();
    }

    /// <summary>The smallest id in the set, or -1 when empty.</summary>
    public int First()
    {
        for (var w = 0; w < WordCount; w++)
        {
            if (_words[w] != 0)
            {
                return (w * 64) + BitOperations.TrailingZeroCount(_words[w]);
            }
        }

        return -1;
    }

    /// <summary>Enumerates the ids in ascending order, i.e. in map order.</summary>
    public Enumerator GetEnumerator() => new(this);

    public List<int> ToList()
    {
        var list = new List<int>(PopCount());
        foreach (var id in this)
        {
            list.Add(id);
        }

        return list;
    }

    public override string ToString() => "{" + string.Join(", ", ToList()) + "}";

    internal static FeatureSet Apply<TOp>(in FeatureSet x, in FeatureSet y, VectorTier tier)
        where TOp : struct, IBitwiseOperator
    {
        FeatureWords result = default;
        BitKernels.Apply<TOp>(x.Words, y.Words, result, tier);
        return new FeatureSet(result);
    }

    /// <summary>The sets lie one after another, 8 words each, so the reduction reads them as one span of words.</summary>
    internal static FeatureSet IntersectAll(ReadOnlySpan<FeatureSet> sets, VectorTier tier)
    {
        FeatureWords result = default;
        BitKernels.AndReduce(MemoryMarshal.Cast<FeatureSet, ulong>(sets), result, tier);
        return new FeatureSet(result);
    }

    private static void CheckId(int id)
    {
        if ((uint)id >= Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Feature ids run from 0 to {Capacity - 1}.");
        }
    }

    /// <summary>Walks set bits word by word, clearing the lowest each step.</summary>
    public struct Enumerator
    {
        private readonly FeatureSet _set;
        private int _word;
        private ulong _remaining;

        internal Enumerator(FeatureSet set)
        {
            _set = set;
            _word = 0;
            _remaining = set._words[0];
            Current = -1;
        }

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_remaining == 0)
            {
                if (++_word >= WordCount)
                {
                    return false;
                }

                _remaining = _set._words[_word];
            }

            Current = (_word * 64) + BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            return true;
        }
    }
}
