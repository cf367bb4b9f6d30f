using System.Collections.Immutable;
using System.Numerics;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database;

/// <summary>
/// Turns raw CPUID/MSR registers into feature sets. Built once per database and laid out for the one question it
/// answers on every decode: which feature owns each bit the data sets.
/// </summary>
/// <remarks>
/// Almost every feature is one bit of one register. For those, each key of the map has a table from its 128 register
/// bits to feature ids, and locating walks only the bits the data sets (a few hundred on a modern CPU), not every
/// feature of the map. The few features of several bits (or of several keys) are tested mask by mask.
/// </remarks>
public sealed class FeatureLocator
{
    private const int BitsPerKey = 4 * 32;

    /// <summary>The keys of the map that announce some feature, sorted as CPU data sorts its slots.</summary>
    private readonly ImmutableArray<DataKey> _keys;

    /// <summary>Per key, the bits of its single-bit features: the only bits whose table entries are read.</summary>
    private readonly ImmutableArray<Registers> _singleBits;

    /// <summary>Per key, 128 entries (EAX bits 0–31, then EBX, ECX, EDX): the feature a single bit announces.</summary>
    private readonly ImmutableArray<short> _owners;

    /// <summary>One mask of a feature of several bits, with the index of its key in <see cref="_keys"/>.</summary>
    private readonly ImmutableArray<(int Feature, int Key, Registers Mask)> _composites;

    internal FeatureLocator(ImmutableArray<FeatureDefinition> features)
    {
        _keys = [.. features.SelectMany(f => f.Bits.IsDefault ? [] : f.Bits.Select(b => b.Key)).Distinct().Order()];
        var keyIndex = _keys.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => x.i);
        var singleBits = new Registers[_keys.Length];
        var owners = new short[_keys.Length * BitsPerKey];
        var composites = ImmutableArray.CreateBuilder<(int, int, Registers)>();
        foreach (var f in features)
        {
            if (f.Bits.IsDefaultOrEmpty)
            {
                continue;
            }

            if (f.Bits is [var only] && only.Registers.PopCount() == 1)
            {
                var k = keyIndex[only.Key];
                singleBits[k] = singleBits[k].Or(only.Registers);
                owners[(k * BitsPerKey) + BitIndex(only.Registers)] = checked((short)f.Id);
                continue;
            }

            foreach (var slot in f.Bits)
            {
                composites.Add((f.Id, keyIndex[slot.Key], slot.Registers));
            }
        }

        _singleBits = [.. singleBits];
        _owners = [.. owners];
        _composites = composites.ToImmutable();
    }

    /// <summary>
    /// The features whose every bit is set in <paramref name="data"/> (<c>Full</c>) and those with at least
    /// one bit set (<c>Partial</c>).
    /// </summary>
    /// <remarks>
    /// Features occupy disjoint bits (the binder checks it), so for single-bit features the two sets are equal;
    /// they differ only for a multi-bit feature that is partly present, which libvirt neither lists as present
    /// nor as missing.
    /// </remarks>
    public (FeatureSet Full, FeatureSet Partial) Locate(CpuData data)
    {
        Span<ulong> partial = stackalloc ulong[FeatureSet.WordCount];
        Span<ulong> incomplete = stackalloc ulong[FeatureSet.WordCount];
        Span<Registers> registers = stackalloc Registers[_keys.Length];
        var owners = _owners.AsSpan();

        // One merge of two key-sorted lists: the map's keys and the data's slots.
        var slots = data.Slots.AsSpan();
        var at = 0;
        for (var k = 0; k < _keys.Length; k++)
        {
            var key = _keys[k];
            while (at < slots.Length && slots[at].Key.CompareTo(key) < 0)
            {
                at++;
            }

            var regs = at < slots.Length && slots[at].Key == key ? slots[at].Registers : Registers.Zero;
            registers[k] = regs;
            var single = _singleBits[k];
            var table = owners.Slice(k * BitsPerKey, BitsPerKey);
            Scatter(regs.Eax & single.Eax, table[..32], partial);
            Scatter(regs.Ebx & single.Ebx, table.Slice(32, 32), partial);
            Scatter(regs.Ecx & single.Ecx, table.Slice(64, 32), partial);
            Scatter(regs.Edx & single.Edx, table.Slice(96, 32), partial);
        }

        // A feature of several bits is partly present when one of its masks meets the data, and incomplete when one
        // is not wholly in it.
        foreach (var (feature, key, mask) in _composites.AsSpan())
        {
            var regs = registers[key];
            var bit = 1UL << (feature & 63);
            partial[feature >> 6] |= regs.Intersects(mask) ? bit : 0;
            incomplete[feature >> 6] |= regs.Contains(mask) ? 0 : bit;
        }

        Span<ulong> full = stackalloc ulong[FeatureSet.WordCount];
        for (var w = 0; w < full.Length; w++)
        {
            full[w] = partial[w] & ~incomplete[w];
        }

        return (FeatureSet.FromWords(full), FeatureSet.FromWords(partial));
    }

    /// <summary>Sets the feature of every bit of <paramref name="bits"/>, each of which has an owner in <paramref name="owners"/>.</summary>
    private static void Scatter(uint bits, ReadOnlySpan<short> owners, Span<ulong> features)
    {
        while (bits != 0)
        {
            int feature = owners[BitOperations.TrailingZeroCount(bits)];
            features[feature >> 6] |= 1UL << (feature & 63);
            bits &= bits - 1;
        }
    }

    private static int BitIndex(Registers single) =>
        single.Eax != 0 ? BitOperations.TrailingZeroCount(single.Eax)
        : single.Ebx != 0 ? 32 + BitOperations.TrailingZeroCount(single.Ebx)
        : single.Ecx != 0 ? 64 + BitOperations.TrailingZeroCount(single.Ecx)
        : 96 + BitOperations.TrailingZeroCount(single.Edx);
}
