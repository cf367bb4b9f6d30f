using CpuCompat.Core.Features;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.Core.Tests.Support;

/// <summary>Feature ids as a property's input: duplicates allowed, any order.</summary>
public sealed record Ids(int[] Values)
{
    public HashSet<int> Model => [.. Values];

    public override string ToString() => "[" + string.Join(", ", Values) + "]";
}

/// <summary>Two id lists, often related (equal, subset, disjoint, one apart) so that set predicates come out both ways.</summary>
public sealed record IdsPair(int[] A, int[] B)
{
    public override string ToString() => $"A=[{string.Join(", ", A)}] B=[{string.Join(", ", B)}]";
}

/// <summary>One feature id in range.</summary>
public sealed record FeatureId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>FsCheck generators for feature sets; pass to <c>[Property(Arbitrary = [typeof(FeatureGenerators)])]</c>.</summary>
public static class FeatureGenerators
{
    /// <summary>Word edges (0, 63, 64, 511 ...) a third of the time, any id otherwise.</summary>
    private static readonly Gen<int> Id = Gen.Frequency(
        (2, Gen.Choose(0, FeatureSet.Capacity - 1)),
        (1, Gen.Elements(0, 1, 62, 63, 64, 65, 127, 128, 191, 192, 255, 256, 319, 320, 383, 384, 447, 448, 510, 511)));

    /// <summary>Sparse lists, and now and then a dense run (whole words set) or every id.</summary>
    private static readonly Gen<int[]> IdArray = Gen.Frequency(
        (6, Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Id, n))),
        (2, from lo in Gen.Choose(0, FeatureSet.Capacity) from n in Gen.Choose(0, 200) select Enumerable.Range(lo, Math.Min(n, FeatureSet.Capacity - lo)).ToArray()),
        (1, Gen.Constant(Enumerable.Range(0, FeatureSet.Capacity).ToArray())),
        (1, Gen.Constant(Array.Empty<int>())));

    public static Arbitrary<Ids> Ids() => Arb.From(IdArray.Select(a => new Ids(a)), ids => Shrink(ids.Values).Select(a => new Ids(a)));

    public static Arbitrary<FeatureId> FeatureId() => Arb.From(Id.Select(i => new FeatureId(i)));

    public static Arbitrary<IdsPair> IdsPair()
    {
        var gen =
            from a in IdArray
            from extra in IdArray
            from pattern in Gen.Choose(0, 5)
            from one in Id
            select new IdsPair(a, pattern switch
            {
                0 => extra,
                1 => [.. a.Reverse()],
                2 => [.. a, .. extra],
                3 => [.. extra.Except(a)],
                4 => a.Contains(one) ? [.. a.Where(i => i != one)] : [.. a, one],
                _ => [.. a.Where((_, i) => i % 2 == 0)],
            });
        return Arb.From(gen, p => Shrink(p.A).Select(a => new IdsPair(a, p.B)).Concat(Shrink(p.B).Select(b => new IdsPair(p.A, b))));
    }

    private static IEnumerable<int[]> Shrink(int[] ids)
    {
        if (ids.Length > 1)
        {
            yield return ids[..(ids.Length / 2)];
        }

        for (var i = 0; i < ids.Length && i < 8; i++)
        {
            yield return [.. ids[..i], .. ids[(i + 1)..]];
        }
    }
}
