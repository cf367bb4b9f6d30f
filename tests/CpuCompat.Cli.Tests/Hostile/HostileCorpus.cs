using System.Collections.Frozen;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>Every case of every <see cref="IHostileCaseSet"/> in this assembly, by name.</summary>
public static class HostileCorpus
{
    private static readonly Lazy<FrozenDictionary<string, HostileCase>> All = new(Collect);

    public static IReadOnlyDictionary<string, HostileCase> Cases => All.Value;

    private static FrozenDictionary<string, HostileCase> Collect()
    {
        var sets = typeof(HostileCorpus).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IHostileCaseSet).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IHostileCaseSet)Activator.CreateInstance(t)!);
        var byName = new Dictionary<string, HostileCase>(StringComparer.Ordinal);
        foreach (var c in sets.SelectMany(s => s.Cases))
        {
            // Two cases with one name would hide each other behind a single theory row.
            if (!byName.TryAdd(c.ToString(), c))
            {
                throw new InvalidOperationException($"two hostile cases are named {c}");
            }
        }

        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
