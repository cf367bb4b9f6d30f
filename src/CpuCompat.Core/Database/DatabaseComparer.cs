using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Database;

/// <summary>What <see cref="DatabaseComparer"/> looks at beyond the facts libvirt's algorithms use.</summary>
public sealed record CompareOptions
{
    /// <summary>Accept aliases in the second database that the first lacks (the DSL adds Linux spellings).</summary>
    public bool AllowExtraAliases { get; init; }

    /// <summary>Also compare rules, dependencies, tags, levels, pools and checks (which a libvirt cpu_map cannot hold).</summary>
    public bool IncludePolicies { get; init; }
}

/// <summary>
/// Lists the differences between two databases in everything that decides an answer: generation; vendors;
/// features (order, bits, migratable flag, aliases); models (order, vendor, signatures, decode and check flags,
/// ancestor, alias and canonical name, complete feature set, removed and added lists, PVRs).
/// </summary>
public static class DatabaseComparer
{
    public static List<string> Compare(CpuDatabase a, CpuDatabase b, CompareOptions? options = null)
    {
        options ??= new CompareOptions();
        var diffs = new List<string>();
        if (a.Generation != b.Generation)
        {
            diffs.Add($"generation: {a.Generation} vs {b.Generation}");
        }

        foreach (var family in Enum.GetValues<ArchFamily>())
        {
            var (x, y) = (a.For(family), b.For(family));
            if (x is null || y is null)
            {
                if (x is not null || y is not null)
                {
                    diffs.Add($"{family}: present in only one database");
                }

                continue;
            }

            CompareArch(x, y, options, diffs);
        }

        return diffs;
    }

    private static void CompareArch(ArchDatabase x, ArchDatabase y, CompareOptions options, List<string> diffs)
    {
        var p = ArchNames.DslName(x.Family);
        CompareSequence(p + " vendors", x.Vendors, y.Vendors, v => $"{v.Name} '{v.CpuidString}' {v.Value}", diffs);
        CompareSequence(p + " features", x.Features, y.Features, f => $"{f.Name} {string.Join(" ", f.Bits)} migratable={f.Migratable}", diffs);
        for (var i = 0; i < Math.Min(x.Features.Length, y.Features.Length); i++)
        {
            var (fa, fb) = (x.Features[i], y.Features[i]);
            var missing = fa.Aliases.Except(fb.Aliases).ToList();
            var extra = fb.Aliases.Except(fa.Aliases).ToList();
            if (missing.Count > 0 || (extra.Count > 0 && !options.AllowExtraAliases))
            {
                diffs.Add($"{p} feature {fa.Name}: aliases [{string.Join(", ", fa.Aliases)}] vs [{string.Join(", ", fb.Aliases)}]");
            }
        }

        CompareSequence(p + " models", x.Models, y.Models, m => Describe(x, m), diffs, n => Describe(y, n));
        if (options.IncludePolicies)
        {
            CompareSequence(p + " tags", x.Features, y.Features, f => $"{f.Name}: {string.Join(",", f.Tags)}", diffs);
            CompareSequence(p + " rules", x.Rules, y.Rules, r => $"{r.Name} {r.Condition} drop {string.Join(",", x.NamesOf(r.Drop))}", diffs,
                r => $"{r.Name} {r.Condition} drop {string.Join(",", y.NamesOf(r.Drop))}");
            CompareSequence(p + " dependencies", x.Dependencies, y.Dependencies,
                d => $"{x.Features[d.FeatureId].Name} -> {string.Join(",", x.NamesOf(d.Requires))}", diffs,
                d => $"{y.Features[d.FeatureId].Name} -> {string.Join(",", y.NamesOf(d.Requires))}");
            CompareSequence(p + " pools", x.Pools, y.Pools, pool => DescribePool(x, pool), diffs, pool => DescribePool(y, pool));
            CompareSequence(p + " levels", x.Levels, y.Levels, l => $"{l.Name} base {l.BaseIndex} {string.Join(",", x.NamesOf(l.Features))}", diffs,
                l => $"{l.Name} base {l.BaseIndex} {string.Join(",", y.NamesOf(l.Features))}");
            CompareSequence(p + " checks", x.Checks, y.Checks, c => DescribeCheck(x, c), diffs, c => DescribeCheck(y, c));
        }
    }

    private static string Describe(ArchDatabase db, ModelDefinition m) => string.Join(" | ",
        m.Name,
        m.VendorId is { } v ? db.Vendors[v].Name : "-",
        string.Join(",", m.Signatures),
        $"decode host={m.DecodeHost} guest={m.DecodeGuest} check={m.CompatCheck}",
        m.AncestorId is { } a ? "ancestor " + db.Models[a].Name : "-",
        $"alias={m.IsAlias} canonical={m.CanonicalName}",
        string.Join(",", db.NamesOf(m.Features)),
        "removed " + string.Join(",", m.Removed.Select(id => db.Features[id].Name)),
        "added " + string.Join(",", m.Added.Select(id => db.Features[id].Name)),
        string.Join(",", m.Pvrs));

    private static string DescribePool(ArchDatabase db, PoolPolicy p) => string.Join(" | ",
        p.Name,
        string.Join(",", db.NamesOf(p.Forbid)),
        string.Join(",", db.NamesOf(p.Require)),
        string.Join(",", p.Prefer.Select(m => db.Models[m].Name)),
        string.Join(",", p.Allow.Select(m => db.Models[m].Name)),
        p.VendorId is { } v ? db.Vendors[v].Name : "-",
        p.Migratable.ToString(),
        p.Selector?.ToString() ?? "-",
        p.Minimum is { } m ? db.Models[m].Name : "-");

    private static string DescribeCheck(ArchDatabase db, PoolCheck c) => $"{db.Pools[c.Pool].Name}: " + c switch
    {
        GuestsCheck g => $"guests {g.Directory}",
        MinimumCheck m => $"at least {db.Models[m.Model].Name}",
        ExposesCheck e => $"no host has {string.Join(",", db.NamesOf(e.Features))}",
        _ => "not deprecated",
    };

    private static void CompareSequence<T>(string what, IReadOnlyList<T> x, IReadOnlyList<T> y, Func<T, string> describe, List<string> diffs, Func<T, string>? describeY = null)
    {
        describeY ??= describe;
        if (x.Count != y.Count)
        {
            diffs.Add($"{what}: {x.Count} vs {y.Count}");
        }

        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var (dx, dy) = (describe(x[i]), describeY(y[i]));
            if (dx != dy)
            {
                diffs.Add($"{what}[{i}]: {dx}\n    vs {dy}");
            }
        }
    }
}
