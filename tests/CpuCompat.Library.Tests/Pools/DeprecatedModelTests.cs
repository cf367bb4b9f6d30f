using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Fleets;
using CpuCompat.Library.Tests.Diffs;
using CpuCompat.Pools;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Pools;

/// <summary>
/// The model proposed for a pool whose baseline QEMU deprecates, on real hosts and a real QEMU reply. libvirt's canned
/// <c>query-cpu-definitions</c> replies carry no <c>deprecated</c> member (they predate it); the tests add it as QEMU
/// 5.2 and later write it, for the models RHEL 9's qemu-kvm deprecates. The expected proposal is found by brute force
/// over the reply with libvirt's map read straight from its XML (<see cref="LibvirtMap"/>).
/// </summary>
public sealed class DeprecatedModelTests
{
    private static CpuCompatibility Compat => DiffRun.Compat;

    private static LibvirtMap Map => DiffRun.Map;

    /// <summary>The x86 models CentOS Stream 9's qemu-kvm marks deprecated (its merge request "deprecate many named CPU models").</summary>
    private static readonly HashSet<string> Rhel9Deprecated = new(StringComparer.Ordinal)
    {
        "486", "486-v1", "athlon", "athlon-v1", "Conroe", "Conroe-v1", "core2duo", "core2duo-v1", "coreduo", "coreduo-v1",
        "Icelake-Client-noTSX", "Icelake-Client", "Icelake-Client-v1", "Icelake-Client-v2", "Icelake-Client-v3", "kvm32",
        "kvm32-v1", "kvm64", "kvm64-v1", "n270", "n270-v1", "Opteron_G1", "Opteron_G1-v1", "Opteron_G2", "Opteron_G2-v1",
        "Opteron_G3", "Opteron_G3-v1", "Penryn", "Penryn-v1", "pentium2", "pentium2-v1", "pentium3", "pentium3-v1", "pentium",
        "pentium-v1", "phenom", "phenom-v1", "qemu32", "qemu32-v1", "qemu64", "qemu64-v1",
    };

    /// <summary>Pools of two real hosts whose baseline is a model RHEL 9 deprecates, and the QEMU host whose reply is used.</summary>
    public static TheoryData<string, string, string> Pools => new()
    {
        { "Xeon-X5460", "Xeon-Gold-6130", "Xeon-E5-2650-v4" },
        { "Xeon-5110", "Xeon-E5-2630-v4", "Xeon-E5-2650-v4" },
        { "Opteron-2350", "Ryzen-9-3900X-12-Core", "EPYC-7502-32-Core" },
        { "Xeon-X5460", "Xeon-X5460", "Core-i7-2600" },
    };

    private static string Data(string name) => DiffRun.Data("11.3.0", name);

    /// <summary>The definitions reply of a test data file, with <c>deprecated</c> set as <paramref name="deprecated"/> says.</summary>
    private static string Reply(string qemuHost, Func<string, bool> deprecated)
    {
        var text = File.ReadAllText(Data($"{qemuHost}.json"));
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        JsonNode? definitions = null;
        while (reader.Read())
        {
            // Each top-level object is one reply; the definitions are the one whose "return" is an array.
            if (JsonNode.Parse(ref reader) is { } document && document["return"] is JsonArray)
            {
                definitions = document;
            }
        }

        foreach (var entry in definitions!["return"]!.AsArray())
        {
            entry!["deprecated"] = deprecated((string)entry["name"]!);
        }

        return definitions.ToJsonString();
    }

    private static AllowedModels Models(string reply) => Compat.Reader.ReadModels(reply, "reply.json").Value;

    private static (Fleet Fleet, PoolBaseline Pool) Pool(params string[] hosts)
    {
        var lines = hosts.Select((h, i) => JsonSerializer.Serialize(new { host = $"{h}-{i}", cpu = File.ReadAllText(Data($"{h}-host.xml")) }));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var fleet = Compat.ReadFleet(stream, "fleet.jsonl").Value;
        return (fleet, Assert.Single(Compat.PoolBaselines(fleet)));
    }

    [Theory]
    [MemberData(nameof(Pools))]
    public void The_proposal_is_the_nearest_model_qemu_keeps_and_gives_guests_the_same_cpu(string a, string b, string qemuHost)
    {
        var reply = Reply(qemuHost, Rhel9Deprecated.Contains);
        var (_, pool) = Pool(a, b);
        var baseline = pool.Cpu.Value;
        Assert.Contains(baseline.Model!, Rhel9Deprecated);

        var deprecated = Compat.Deprecation(pool, Models(reply));
        Assert.NotNull(deprecated);
        Assert.Equal(baseline.Model, deprecated.Model);
        var proposal = Assert.IsType<ModelProposal>(deprecated.Proposal);

        // Found apart from CpuCompat: every model of the reply that RHEL keeps, of the baseline's vendor, usable once
        // the proposal's disabled features are off, ranked by edits, then features, then not an alias, then map order.
        var guest = Map.Cpu(Compat.ToXml(baseline));
        var entries = JsonNode.Parse(reply)!["return"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!["unavailable-features"]?.AsArray().Select(f => (string)f!).ToList() ?? []);
        var expected = Map.ModelNames
            .Select((m, order) => (Name: m, Order: order, Features: Map.Model(m)))
            .Where(m => entries.ContainsKey(m.Name) && !Rhel9Deprecated.Contains(m.Name) && m.Name != baseline.Model
                && (Map.VendorOf(m.Name) is null || Map.VendorOf(m.Name) == baseline.Vendor))
            .Select(m => (m.Name, m.Order, m.Features, Require: guest.Except(m.Features).ToHashSet(), Disable: m.Features.Except(guest).ToHashSet()))
            .Where(m => entries[m.Name].All(blocker => m.Disable.Contains(QemuToLibvirt(blocker))))
            .OrderBy(m => m.Require.Count + m.Disable.Count).ThenByDescending(m => m.Features.Count).ThenBy(m => Map.IsAlias(m.Name)).ThenByDescending(m => m.Order)
            .First();
        Assert.Equal(expected.Name, proposal.Model);
        Assert.Equal(expected.Require.Order(StringComparer.Ordinal), proposal.Require.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Disable.Order(StringComparer.Ordinal), proposal.Disable.Order(StringComparer.Ordinal));

        // The rewritten baseline stands for the same features, and libvirt's cpu-compare runs it on both hosts.
        Assert.Equal(guest.Order(StringComparer.Ordinal), Map.Cpu(Compat.ToXml(proposal.Cpu)).Order(StringComparer.Ordinal));
        foreach (var host in new[] { a, b })
        {
            var hostCpu = Compat.ReadCpus(File.ReadAllText(Data($"{host}-host.xml")), host).Value[0];
            Assert.NotEqual(CompareResult.Incompatible, Compat.Compare(hostCpu, proposal.Cpu).Value.Result);
        }
    }

    [Fact]
    public void A_pool_on_a_model_qemu_keeps_is_not_flagged()
    {
        var (_, pool) = Pool("Xeon-Gold-6130", "Xeon-Platinum-8268");
        Assert.DoesNotContain(pool.Cpu.Value.Model!, Rhel9Deprecated);
        Assert.Null(Compat.Deprecation(pool, Models(Reply("Xeon-E5-2650-v4", Rhel9Deprecated.Contains))));
    }

    [Fact]
    public void Without_another_model_of_the_vendor_there_is_no_proposal()
    {
        // Every model deprecated but the AMD ones: an Intel pool has nothing to move to.
        var reply = Reply("Xeon-E5-2650-v4", name => !name.StartsWith("Opteron", StringComparison.Ordinal) && name != "phenom");
        var (_, pool) = Pool("Xeon-X5460", "Xeon-Gold-6130");
        var deprecated = Compat.Deprecation(pool, Models(reply));
        Assert.NotNull(deprecated);
        Assert.Null(deprecated.Proposal);
        Assert.Contains("no other model", DeprecatedModel.Describe(deprecated), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_qemu_cannot_run_is_never_proposed_unless_its_blockers_are_disabled()
    {
        // The reply of a QEMU on a Sandy Bridge host blocks Haswell and later; the proposal for a Penryn pool avoids
        // every model whose blockers it would not disable.
        var models = Models(Reply("Core-i7-2600", Rhel9Deprecated.Contains));
        var (_, pool) = Pool("Xeon-X5460", "Xeon-Gold-6130");
        var proposal = Compat.Deprecation(pool, models)!.Proposal!;
        var blockers = models.Find(proposal.Model)!.Blockers;
        Assert.All(blockers, b => Assert.Contains(b, proposal.Disable));
        Assert.Contains(models.Models, m => m.Usability == ModelUsability.No);
    }

    /// <summary>A blocker in libvirt's spelling (the reply uses QEMU's; the map lists it as an alias).</summary>
    private static string QemuToLibvirt(string name) => Map.Canonical(name);
}
