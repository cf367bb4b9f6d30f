using System.Globalization;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;
using CpuCompat.Fleets;
using CpuCompat.Pools;

namespace CpuCompat.Output.Html;

/// <summary>
/// The picture of a pool: its kinds of host (rows) against CPU models (columns), which model each kind can run. A
/// cell is green where the whole pool runs the model, amber where this kind could but the pool cannot, red where this
/// kind lacks features of a model other members run (it holds the pool back), grey where no member runs the model.
/// The baseline's model is outlined, so the pool's limit is the edge of the green; its nearest generation is dashed.
/// Columns are the models of the pool's vendors (and vendor-neutral ones), oldest first, from a few before the first
/// that some members run and the pool cannot (or the baseline's, if earlier) to one past the last that some member runs.
/// </summary>
public static class ModelGrid
{
    public const string Pool = "pool", Held = "held", Lacks = "lacks", None = "none";

    private const int Cell = 18, Gap = 2, LabelWidth = 330, HeaderHeight = 150, ContextColumns = 3, LabelChars = 52, RightMargin = 90;

    public static void Write(HtmlBuilder h, Fleet fleet, PoolBaseline pool, ArchDatabase arch, IReadOnlyList<FeatureSet?> kindFeatures)
    {
        var kinds = pool.Pool.Kinds.OrderByDescending(k => k.Hosts).Select(k => k.Kind).ToList();
        var models = Columns(arch, fleet, pool, kinds, kindFeatures);
        if (kinds.Count == 0 || models.Count == 0)
        {
            return;
        }

        var width = LabelWidth + (models.Count * (Cell + Gap)) + RightMargin;
        var height = HeaderHeight + (kinds.Count * (Cell + Gap)) + 10;
        h.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", N(width)), ("height", N(height)), ("viewBox", $"0 0 {N(width)} {N(height)}"),
            ("role", "img"), ("aria-label", $"which CPU models each kind of host in pool {pool.Pool.Name} can run"), ("data-pool", pool.Pool.Name));
        for (var c = 0; c < models.Count; c++)
        {
            var x = LabelWidth + (c * (Cell + Gap)) + (Cell / 2);
            h.Element("text", models[c].Name, ("transform", $"translate({N(x + 4)},{N(HeaderHeight - 6)}) rotate(-60)"), ("data-model", models[c].Name));
        }

        var baselineModel = pool.Cpu.Succeeded ? pool.Cpu.Value.Model : null;
        var generations = pool.Generations.Select(g => g.Model).ToHashSet(StringComparer.Ordinal);
        var heldBack = pool.HeldBackBy.Select(c => c.Kind).ToHashSet();
        for (var r = 0; r < kinds.Count; r++)
        {
            var kind = kinds[r];
            var y = HeaderHeight + (r * (Cell + Gap));
            var label = $"{pool.Pool.Kinds.First(k => k.Kind == kind).Hosts} x {fleet.Kinds[kind].Label}";
            h.Open("text", ("x", N(LabelWidth - 8)), ("y", N(y + Cell - 5)), ("text-anchor", "end"), ("font-weight", heldBack.Contains(kind) ? "600" : null))
                .Text(label.Length > LabelChars ? label[..(LabelChars - 1)] + "…" : label)
                .Element("title", label).Close("text");
            var own = kindFeatures[kind] ?? FeatureSet.Empty;
            for (var c = 0; c < models.Count; c++)
            {
                var model = models[c];
                var state = State(model.Features, own, pool.Offered, kinds, kindFeatures);
                h.Open("rect", ("x", N(LabelWidth + (c * (Cell + Gap)))), ("y", N(y)), ("width", N(Cell)), ("height", N(Cell)), ("rx", "2"),
                        ("class", state), ("data-state", state), ("data-kind", fleet.Kinds[kind].Label), ("data-model", model.Name))
                    .Element("title", $"{fleet.Kinds[kind].Label} / {model.Name}: {Describe(state)}").Close("rect");
            }
        }

        for (var c = 0; c < models.Count; c++)
        {
            var cls = models[c].Name == baselineModel ? "limit" : generations.Contains(models[c].Name) ? "generation" : null;
            if (cls is not null)
            {
                h.Empty("rect", ("class", cls), ("x", N(LabelWidth + (c * (Cell + Gap)) - 2)), ("y", N(HeaderHeight - 2)),
                    ("width", N(Cell + 4)), ("height", N((kinds.Count * (Cell + Gap)) + 2)), ("data-outline", models[c].Name));
            }
        }

        h.Close("svg");
    }

    /// <summary>The cell states of the legend, with what each means.</summary>
    public static IEnumerable<(string State, string Meaning)> Legend =>
        [(Pool, Describe(Pool)), (Held, Describe(Held)), (Lacks, Describe(Lacks)), (None, Describe(None))];

    private static string State(in FeatureSet model, in FeatureSet own, in FeatureSet offered, List<int> kinds, IReadOnlyList<FeatureSet?> kindFeatures)
    {
        if (model.IsSubsetOf(offered))
        {
            return Pool;
        }

        if (model.IsSubsetOf(own))
        {
            return Held;
        }

        foreach (var other in kinds)
        {
            if (kindFeatures[other] is { } f && model.IsSubsetOf(f))
            {
                return Lacks;
            }
        }

        return None;
    }

    private static string Describe(string state) => state switch
    {
        Pool => "the pool runs it",
        Held => "this kind could run it, the pool cannot",
        Lacks => "this kind lacks features of it that other members have: it holds the pool back",
        _ => "no member runs it",
    };

    private static List<ModelDefinition> Columns(ArchDatabase arch, Fleet fleet, PoolBaseline pool, List<int> kinds, IReadOnlyList<FeatureSet?> kindFeatures)
    {
        var vendors = kinds.Select(k => fleet.Kinds[k].Cpu.Vendor).OfType<string>().Select(v => arch.FindVendor(v)?.Id).OfType<int>().ToHashSet();
        var candidates = arch.Models.Where(m => !m.IsAlias && !m.Features.IsEmpty && (m.VendorId is null || vendors.Contains(m.VendorId.Value))).ToList();
        var firstBeyond = candidates.FindIndex(m => !m.Features.IsSubsetOf(pool.Offered) && kinds.Any(k => kindFeatures[k] is { } f && m.Features.IsSubsetOf(f)));
        var lastRun = candidates.FindLastIndex(m => kinds.Any(k => kindFeatures[k] is { } f && m.Features.IsSubsetOf(f)));
        var baseline = pool.Cpu.Succeeded ? candidates.FindIndex(m => m.Name == pool.Cpu.Value.Model) : -1;
        var first = new[] { firstBeyond, lastRun, baseline }.Where(i => i >= 0).DefaultIfEmpty(candidates.Count - 1).Min();
        var start = Math.Max(0, first - ContextColumns);
        var end = Math.Min(candidates.Count - 1, Math.Max(Math.Max(lastRun, firstBeyond), baseline) + 1);
        return candidates.GetRange(start, end - start + 1);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
