using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Pools;
using CpuCompat.Output.Text;

namespace CpuCompat.Output.Html;

/// <summary>
/// One pool in a report: the summary row of the pools table, and the pool's own section — its members by kind, the
/// baseline and its level, its nearest generation, what the weakest hosts cost, the security features it loses, the
/// cross-vendor risks, the picture of kinds against models, and the <c>&lt;cpu&gt;</c> itself.
/// </summary>
public static class PoolSection
{
    public static void SummaryHeader(HtmlBuilder h) =>
        h.Open("tr").Element("th", "pool").Element("th", "hosts").Element("th", "kinds").Element("th", "baseline").Element("th", "ABI level")
            .Element("th", "generation").Element("th", "held back most by").Element("th", "security features lost").Close("tr");

    public static void SummaryRow(HtmlBuilder h, Fleet fleet, PoolBaseline pool)
    {
        var p = pool.Pool;
        h.Open("tr", ("data-pool", p.Name)).Open("td").Open("a", ("href", "#pool-" + p.Name)).Text(p.Name).Close("a").Close("td");
        h.Element("td", p.Members.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ("class", "n"));
        h.Element("td", p.Kinds.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ("class", "n"));
        if (pool.Cpu.TryGetValue(out var cpu))
        {
            h.Element("td", cpu.Model ?? "");
        }
        else
        {
            h.Element("td", "no baseline: " + pool.Cpu.Error!.Message, ("class", "fail"));
        }

        h.Element("td", pool.Level?.Name ?? "—");
        h.Element("td", string.Join(", ", pool.Generations.Select(g => g.Model)));
        h.Element("td", pool.HeldBackBy.FirstOrDefault() is { } cost ? $"{cost.Hosts} x {fleet.Kinds[cost.Kind].Label} ({cost.Gains.Length} features)" : "—");
        h.Element("td", pool.SecurityLost.IsEmpty ? "none" : string.Join(", ", pool.SecurityLost), ("class", pool.SecurityLost.IsEmpty ? null : "fail"));
        h.Close("tr");
    }

    public static void Write(HtmlBuilder h, Fleet fleet, PoolBaseline pool, ArchDatabase? arch, IReadOnlyList<FeatureSet?> kindFeatures, LibvirtGeneration generation)
    {
        var p = pool.Pool;
        h.Open("section", ("id", "pool-" + p.Name), ("data-pool", p.Name));
        h.Element("h2", $"pool {p.Name}: {PoolBaselineText.Count(p.Members.Length, "host")} of {PoolBaselineText.Count(p.Kinds.Length, "kind")}");
        Members(h, fleet, p);
        if (!pool.Cpu.TryGetValue(out var cpu))
        {
            h.Element("p", "no baseline: " + pool.Cpu.Error!.Message, ("class", "fail"));
            h.Close("section");
            return;
        }

        var required = cpu.Features.Count(f => f.Policy == FeaturePolicy.Require);
        var disabled = cpu.Features.Count(f => f.Policy == FeaturePolicy.Disable);
        h.Open("p").Text("baseline: ").Element("strong", cpu.Model ?? "")
            .Text($" with {PoolBaselineText.Count(required, "feature")} on top{(disabled > 0 ? $" and {disabled} disabled" : "")}; ABI level {pool.Level?.Name ?? "none"}").Close("p");
        foreach (var g in pool.Generations)
        {
            h.Open("p").Text("generation: every member has all of ").Element("strong", g.Model).Text($" ({g.Vendor ?? "vendor-neutral"})")
                .Text(g.Beyond.IsEmpty ? "; nothing beyond it" : "; beyond it: ").Element("span", string.Join(", ", g.Beyond), ("class", "features")).Close("p");
        }

        if (pool.CrossVendor is { } mixed)
        {
            h.Open("div", ("class", "note"), ("data-cross-vendor", string.Join(" ", mixed.Vendors)));
            h.Element("strong", $"cross-vendor pool ({string.Join(" and ", mixed.Vendors)}): moving a running guest between vendors");
            h.Open("ul");
            foreach (var risk in mixed.Risks)
            {
                h.Element("li", risk);
            }

            h.Close("ul").Close("div");
        }

        HeldBack(h, fleet, pool, cpu);
        h.Open("p").Text("security features some members have and guests lose: ")
            .Element("span", pool.SecurityLost.IsEmpty ? "none" : string.Join(", ", pool.SecurityLost), ("class", pool.SecurityLost.IsEmpty ? "pass" : "fail")).Close("p");
        if (pool.Minimum is { } min)
        {
            h.Element("p", min.Met ? $"minimum {min.Model}: met" : $"minimum {min.Model}: NOT met, the baseline lacks {string.Join(", ", min.Lacks)}", ("class", min.Met ? "pass" : "fail"));
        }

        if (arch is not null)
        {
            h.Element("h3", "which model each kind of host can run");
            h.Open("div", ("class", "picture"));
            ModelGrid.Write(h, fleet, pool, arch, kindFeatures);
            h.Close("div");
        }

        h.Open("details").Element("summary", "the baseline <cpu>").Element("pre", CpuXmlWriter.Format(cpu, generation)).Close("details");
        h.Close("section");
    }

    /// <summary>The legend of the pictures, once per page.</summary>
    public static void Legend(HtmlBuilder h)
    {
        h.Open("p", ("class", "legend")).Text("pictures:");
        foreach (var (state, meaning) in ModelGrid.Legend)
        {
            h.Open("span", ("class", state)).Close("span").Text(meaning);
        }

        h.Text("; the outlined column is the baseline's model, the dashed one its nearest generation.").Close("p");
    }

    private static void Members(HtmlBuilder h, Fleet fleet, Pool p)
    {
        h.Open("table").Open("tr").Element("th", "hosts").Element("th", "kind").Element("th", "members").Close("tr");
        var names = p.Members.GroupBy(m => fleet.Hosts[m].Kind).ToDictionary(g => g.Key, g => g.Select(m => fleet.Hosts[m].Name).ToList());
        foreach (var (kind, hosts) in p.Kinds.OrderByDescending(k => k.Hosts))
        {
            h.Open("tr", ("data-kind", fleet.Kinds[kind].Label)).Element("td", hosts.ToString(System.Globalization.CultureInfo.InvariantCulture), ("class", "n"))
                .Element("td", fleet.Kinds[kind].Label).Element("td", PoolBaselineText.Names(names[kind], hosts)).Close("tr");
        }

        h.Close("table");
        foreach (var e in p.Excluded.Take(PoolBaselineText.NamesShown))
        {
            h.Element("p", $"left out: {e.Host} lacks {string.Join(", ", e.Lacks)}, which the pool requires");
        }

        if (p.Excluded.Length > PoolBaselineText.NamesShown)
        {
            h.Element("p", $"left out: and {p.Excluded.Length - PoolBaselineText.NamesShown} more hosts that lack required features");
        }
    }

    private static void HeldBack(HtmlBuilder h, Fleet fleet, PoolBaseline pool, CpuDefinition cpu)
    {
        if (pool.HeldBackBy.IsEmpty)
        {
            h.Element("p", "held back: no kind of host costs the pool a feature the others all have");
            return;
        }

        h.Element("h3", "what the weakest hosts cost");
        h.Open("table").Open("tr").Element("th", "hosts").Element("th", "kind").Element("th", "features the others all have").Element("th", "without them").Close("tr");
        foreach (var cost in pool.HeldBackBy)
        {
            h.Open("tr").Element("td", cost.Hosts.ToString(System.Globalization.CultureInfo.InvariantCulture), ("class", "n")).Element("td", fleet.Kinds[cost.Kind].Label)
                .Element("td", string.Join(", ", cost.Gains), ("class", "features"))
                .Element("td", cost.ModelWithout is { } m && m != cpu.Model ? m : "").Close("tr");
        }

        h.Close("table");
    }
}
