namespace CpuCompat.Output.Html;

/// <summary>
/// The frame of every report: one self-contained HTML page (style inline, no network, no server) with a title, a line
/// saying what it was made from, and the body a command writes. A small inline script marks, once the browser has
/// laid the page out, how many picture cells it drew with a size (<c>data-cells-drawn</c> on the body), so a test
/// in a real browser can tell a page that renders from one that merely parses.
/// </summary>
public static class ReportPage
{
    private const string Style = """
        <style>
        :root { --ink: #1f2933; }
        svg rect.pool, .legend span.pool { fill: #43a047; background: #43a047; }
        svg rect.held, .legend span.held { fill: #ffb74d; background: #ffb74d; }
        svg rect.lacks, .legend span.lacks { fill: #e57373; background: #e57373; }
        svg rect.none, .legend span.none { fill: #eeeeee; background: #eeeeee; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 24px 32px; max-width: 1400px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #ccd; padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        .source { color: #52606d; margin-bottom: 16px; }
        table { border-collapse: collapse; margin: 6px 0 12px; } th, td { border: 1px solid #d9e2ec; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f4f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .fail { color: #b71c1c; font-weight: 600; } .pass { color: #1b5e20; font-weight: 600; }
        .features { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12px; }
        .note { background: #fff8e1; border-left: 4px solid #ffb74d; padding: 6px 10px; margin: 8px 0; }
        .note ul { margin: 4px 0; padding-left: 20px; }
        .picture { overflow-x: auto; }
        pre { background: #f5f7fa; padding: 8px; overflow-x: auto; font-size: 12px; }
        .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; border: 1px solid #999; }
        svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
        svg .limit { fill: none; stroke: #1a237e; stroke-width: 2.5; }
        svg .generation { fill: none; stroke: #1a237e; stroke-width: 1.5; stroke-dasharray: 4 3; }
        </style>
        """;

    private const string Script = """
        <script>
        window.addEventListener('load', function () {
          var drawn = 0;
          document.querySelectorAll('svg rect[data-state]').forEach(function (r) {
            var box = r.getBoundingClientRect();
            if (box.width > 0 && box.height > 0) { drawn++; }
          });
          document.body.setAttribute('data-cells-drawn', String(drawn));
        });
        </script>
        """;

    public static string Write(string title, string source, Action<HtmlBuilder> body)
    {
        var h = new HtmlBuilder();
        h.Trusted("<!DOCTYPE html>\n");
        h.Open("html", ("lang", "en")).Open("head").Trusted("<meta charset=\"utf-8\">\n");
        h.Element("title", title);
        h.Trusted(Style).Trusted(Script).Close("head");
        h.Open("body");
        h.Element("h1", title);
        h.Element("div", source, ("class", "source"));
        body(h);
        h.Close("body").Close("html");
        return h.ToString();
    }
}
