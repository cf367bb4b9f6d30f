using System.Globalization;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;
using CpuCompat.Partitions;
using CpuCompat.Pools;

namespace CpuCompat.Output.Html;

/// <summary>
/// The <c>--html FILE</c> pages of the fleet commands: what the command found first (the pools, a change's effects,
/// the checks' verdicts), then a table of the pools and a section per pool with its picture. One self-contained page.
/// </summary>
public static class FleetReport
{
    /// <summary><c>pool baseline --html</c>: the pools of a fleet.</summary>
    public static string Pools(CpuEngine engine, Fleet fleet, IReadOnlyList<PoolBaseline> pools) =>
        ReportPage.Write("CpuCompat: migration pools", Source(fleet), h => PoolsPart(h, engine, fleet, pools));

    /// <summary><c>pool what-if --html</c>: what the change does to each pool, then the pools after it.</summary>
    public static string WhatIf(CpuEngine afterEngine, WhatIfResult result) =>
        ReportPage.Write("CpuCompat: what if " + result.Change, Source(result.Before) + "; after the change: " + Source(result.After), h =>
        {
            h.Element("h2", "what the change does");
            h.Open("table").Open("tr").Element("th", "pool").Element("th", "before").Element("th", "after").Element("th", "guests gain")
                .Element("th", "guests lose").Element("th", "guests that stop running").Close("tr");
            foreach (var pool in result.Pools)
            {
                h.Open("tr", ("data-pool", pool.Name)).Element("td", pool.Name).Element("td", Side(pool.Before)).Element("td", Side(pool.After))
                    .Element("td", string.Join(", ", pool.Gained), ("class", "features"))
                    .Element("td", string.Join(", ", pool.Lost), ("class", pool.Lost.IsEmpty ? "features" : "features fail"))
                    .Element("td", string.Join("; ", pool.Breaks.Select(b => $"{b.Guest}: {GuestFit.Message(b.Misfit)}")), ("class", pool.Breaks.IsEmpty ? null : "fail"))
                    .Close("tr");
            }

            h.Close("table");
            foreach (var k in result.Kinds.Where(k => k.Before != k.After))
            {
                h.Element("p", $"{k.Hosts} x {k.Label}: host CPU {k.Before} becomes {k.After}");
            }

            foreach (var error in result.GuestErrors)
            {
                h.Element("p", "guest not checked: " + error, ("class", "fail"));
            }

            PoolsPart(h, afterEngine, result.After, [.. result.Pools.Select(p => p.After).OfType<PoolBaseline>()]);
        });

    /// <summary><c>check --html</c>: every verdict, then the pools they are about.</summary>
    public static string Check(CpuEngine engine, Fleet fleet, IReadOnlyList<PoolBaseline> pools, IReadOnlyList<CheckResult> results) =>
        ReportPage.Write("CpuCompat: pool checks", Source(fleet), h =>
        {
            var failed = results.Count(r => !r.Passed);
            h.Element("h2", failed == 0 ? $"all {results.Count} checks pass" : $"{failed} of {results.Count} checks fail");
            h.Open("table").Open("tr").Element("th", "pool").Element("th", "check").Element("th", "verdict").Element("th", "why").Close("tr");
            foreach (var r in results.OrderBy(r => r.Passed).ThenBy(r => r.Pool, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                h.Open("tr", ("data-verdict", r.Passed ? "pass" : "fail")).Element("td", r.Pool).Element("td", r.Name)
                    .Element("td", r.Passed ? "pass" : "FAIL", ("class", r.Passed ? "pass" : "fail")).Element("td", r.Message ?? "").Close("tr");
            }

            h.Close("table");
            PoolsPart(h, engine, fleet, pools);
        });

    /// <summary><c>pool suggest --html</c>: the objective of the suggested split against the alternatives, then its pools.</summary>
    public static string Suggest(CpuEngine engine, PoolSuggestion suggestion) =>
        ReportPage.Write($"CpuCompat: the fleet split into {suggestion.Pools.Length} pools", Source(suggestion.Fleet), h =>
        {
            var scores = suggestion.Scores;
            var unit = suggestion.Weights.Source is { } file ? $"weighted features ({file})" : "features";
            h.Element("h2", $"guests keep {N(suggestion.Value)} {unit}, summed over hosts");
            h.Open("table", ("class", "objective")).Open("tr").Element("th", "partition").Element("th", unit).Close("tr");
            foreach (var (name, value, method) in new[]
            {
                ("one pool per vendor", scores.OnePool, (PartitionMethod?)PartitionMethod.OnePool),
                ("greedy merge", scores.Greedy, PartitionMethod.Greedy),
                ("greedy merge then moves", scores.Refined, PartitionMethod.Refined),
                ("each host on its own (no partition gets more)", scores.Ceiling, null),
            })
            {
                h.Open("tr", ("data-chosen", method == suggestion.Method ? "yes" : null)).Element("td", method == suggestion.Method ? name + " (chosen)" : name)
                    .Element("td", N(value), ("class", "n")).Close("tr");
            }

            h.Close("table");
            foreach (var host in suggestion.Unplaced)
            {
                h.Element("p", $"in no pool (no policy selects it): {host}");
            }

            PoolsPart(h, engine, suggestion.Fleet, [.. suggestion.Pools.Select(p => p.Baseline)]);
        });

    /// <summary>The pools table, the legend and a section per pool.</summary>
    public static void PoolsPart(HtmlBuilder h, CpuEngine engine, Fleet fleet, IReadOnlyList<PoolBaseline> pools)
    {
        var features = KindFacts.Of(engine, fleet).Features;
        h.Element("h2", pools.Count == 1 ? "1 pool" : $"{pools.Count} pools");
        h.Open("table", ("class", "pools"));
        PoolSection.SummaryHeader(h);
        foreach (var pool in pools)
        {
            PoolSection.SummaryRow(h, fleet, pool);
        }

        h.Close("table");
        PoolSection.Legend(h);
        foreach (var pool in pools)
        {
            var arch = pool.Pool.Kinds.IsEmpty ? null : engine.Database.For(engine.FamilyOf(fleet.Kinds[pool.Pool.Kinds[0].Kind].Cpu));
            PoolSection.Write(h, fleet, pool, arch, features, engine.Database.Generation);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Source(Fleet fleet) =>
        $"{fleet.Hosts.Length.ToString(CultureInfo.InvariantCulture)} hosts of {fleet.Kinds.Length.ToString(CultureInfo.InvariantCulture)} kinds from {fleet.Source}"
        + (fleet.Problems.IsEmpty ? "" : $"; {fleet.Problems.Length} left out");

    private static string Side(PoolBaseline? pool) => pool switch
    {
        null => "(no such pool)",
        { Cpu.Succeeded: false } => $"{pool.Pool.Members.Length} hosts, no baseline ({pool.Cpu.Error!.Message})",
        _ => $"{pool.Pool.Members.Length} hosts, {pool.Cpu.Value.Model}{(pool.Level is { } l ? $" ({l.Name})" : "")}",
    };
}
