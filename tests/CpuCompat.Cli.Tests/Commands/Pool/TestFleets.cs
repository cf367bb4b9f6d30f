using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CpuCompat.Cli.Tests.Support;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Cli.Tests.Commands.Pool;

/// <summary>One host of a JSON Lines fleet: its name, its CPU text (any format) and its labels.</summary>
public sealed record FleetLine(string Host, string Cpu, IReadOnlyDictionary<string, string> Labels)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;

    public FleetLine WithLabel(string name, string value) => this with { Labels = new Dictionary<string, string>(Labels) { [name] = value } };

    /// <summary>The host as one JSON Lines line (without the line break).</summary>
    public string ToJson()
    {
        var labels = new JsonObject();
        foreach (var (key, value) in Labels)
        {
            labels[key] = value;
        }

        return new JsonObject { ["host"] = Host, ["cpu"] = Cpu, ["labels"] = labels }.ToJsonString(Plain);
    }

    /// <summary>Escapes only what JSON must (as data/examples/fleet.jsonl does: &lt; and ' stay as they are).</summary>
    public static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>
/// Builds fleets for the fleet commands from the bundled example (<c>data/examples/fleet.jsonl</c>) and runs the
/// commands they are checked against: the fleet's hosts as separate CPU files, <c>cpu-baseline</c> of a list of them,
/// the pools of <c>pool baseline --json</c>.
/// </summary>
public static class TestFleets
{
    public static string ExampleFleet => RepositoryRoot.File("data/examples/fleet.jsonl");

    public static string IntelPolicy => RepositoryRoot.File("tests/CpuCompat.Cli.Tests/Commands/Pool/intel-pool.ccl");

    public static string ExampleGuests => RepositoryRoot.File("data/examples/guests");

    /// <summary>The hosts of the example fleet, in file order.</summary>
    public static IReadOnlyList<FleetLine> Example() => Parse(File.ReadAllLines(ExampleFleet));

    /// <summary>The example's hosts whose name starts with one of the prefixes ("east-", "west-", "amd-").</summary>
    public static IReadOnlyList<FleetLine> Example(params string[] prefixes) =>
        [.. Example().Where(h => prefixes.Any(p => h.Host.StartsWith(p, StringComparison.Ordinal)))];

    public static IReadOnlyList<FleetLine> Parse(IEnumerable<string> lines) =>
    [
        .. lines.Where(l => l.Length > 0).Select(l =>
        {
            var json = JsonNode.Parse(l)!.AsObject();
            var labels = json["labels"] is JsonObject o ? o.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) : [];
            return new FleetLine(json["host"]!.GetValue<string>(), json["cpu"]!.GetValue<string>(), labels);
        }),
    ];

    public static string Jsonl(IEnumerable<FleetLine> hosts) => string.Concat(hosts.Select(h => h.ToJson() + "\n"));

    /// <summary>Writes the hosts as a JSON Lines fleet; returns its path.</summary>
    public static string WriteFleet(TempDirectory dir, string name, IEnumerable<FleetLine> hosts) => dir.Write(name, Jsonl(hosts));

    /// <summary>Each host's CPU text in a file of its own, <c>FOLDER/HOST.txt</c>; host name → path.</summary>
    public static IReadOnlyDictionary<string, string> WriteCpuFiles(TempDirectory dir, string folder, IEnumerable<FleetLine> hosts) =>
        hosts.ToDictionary(h => h.Host, h => dir.Write($"{folder}/{h.Host}.txt", h.Cpu), StringComparer.Ordinal);

    /// <summary><c>cpucompat cpu-baseline FILE...</c>, which must succeed; its output.</summary>
    public static string CpuBaseline(IEnumerable<string> files)
    {
        var result = CliRun.InProcess(["cpu-baseline", .. files]);
        Assert.True(result.ExitCode == 0, $"cpu-baseline failed: {result}");
        return result.Stdout;
    }

    /// <summary><c>cpu-baseline</c> of the named hosts' CPU files.</summary>
    public static string CpuBaselineOf(IReadOnlyDictionary<string, string> cpuFiles, IEnumerable<string> hosts) =>
        CpuBaseline(hosts.Order(StringComparer.Ordinal).Select(h => cpuFiles[h]));

    /// <summary>Runs the command, which must exit with <paramref name="exit"/>, and parses its standard output as JSON.</summary>
    public static JsonObject RunJson(int exit, params string[] args)
    {
        var result = CliRun.InProcess(args);
        Assert.True(result.ExitCode == exit, $"expected exit {exit} from {string.Join(' ', args)}: {result}");
        return ParseJson(result.Stdout);
    }

    public static JsonObject ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text)!.AsObject();
        }
        catch (JsonException e)
        {
            Assert.Fail($"not a JSON document ({e.Message}):\n{text}");
            throw;
        }
    }

    /// <summary><c>pool baseline [POLICY...] --fleet FLEET [--by LABEL] --json</c>, which must exit 0.</summary>
    public static JsonObject PoolBaselineJson(string fleet, string? by = null, params string[] policies) =>
        RunJson(0, ["pool", "baseline", .. policies, "--fleet", fleet, .. By(by), "--json"]);

    public static string[] By(string? label) => label is null ? [] : ["--by", label];

    public static IReadOnlyList<JsonObject> Pools(JsonObject document) => [.. document["pools"]!.AsArray().Select(p => p!.AsObject())];

    public static JsonObject Pool(JsonObject document, string name) =>
        Pools(document).SingleOrDefault(p => (string?)p["name"] == name) ?? throw new Xunit.Sdk.XunitException($"no pool {name} in {document}");

    public static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The items in an order fixed by the seed (Fisher–Yates), guaranteed to differ from the given order when there are two or more.</summary>
    public static IReadOnlyList<T> Shuffle<T>(IReadOnlyList<T> items, int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            var list = items.ToList();
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }

            if (items.Count < 2 || !list.SequenceEqual(items))
            {
                return list;
            }
        }
    }

    /// <summary>The files directly in a directory, by name (empty when it does not exist).</summary>
    public static List<string> FileNames(string directory) =>
        Directory.Exists(directory) ? [.. Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)] : [];
}
