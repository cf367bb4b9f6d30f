using System.Text;
using System.Text.Json;
using CpuCompat.Fleets;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Fleets;

/// <summary>
/// OpenStack hypervisor records in the shapes of several releases and clients (fixtures under <c>OpenStack/</c>, made
/// for these tests): every host is read under its <c>hypervisor_hostname</c> with the CPU its <c>cpu_info</c> describes
/// — checked against the host <c>&lt;cpu&gt;</c> this test writes from the same values — and the labels its aggregates,
/// zone and compute service give; a record that cannot be read is a problem on its own line.
/// </summary>
public sealed class OpenStackFleetTests
{
    private static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    private static string Fixture(string name) => RepositoryRoot.File($"tests/CpuCompat.Library.Tests/Fleets/OpenStack/{name}");

    [Theory]
    [InlineData("queens-detail.json", "cmp-01.dc1.example.org,cmp-02.dc1.example.org,cmp-03.dc1.example.org")] // 2.1-2.27: cpu_info as text
    [InlineData("train-detail.json", "kvm-a1,kvm-a2")] // 2.53-2.87: cpu_info as an object, UUIDs, a page link
    [InlineData("zed-show.json", "node-05")] // openstack hypervisor show -f json: no vendor in cpu_info
    [InlineData("show-list.json", "node-05,node-06,node-07")] // a list: no topology, no aggregates, an older client's text cpu_info
    [InlineData("shows-concatenated.json", "node-08,node-09")] // two documents one after the other
    [InlineData("hypervisor-one.json", "kvm-b1")] // os-hypervisors/ID
    public void Every_shape_reads_each_host_with_the_cpu_its_cpu_info_describes(string file, string hosts)
    {
        var fleet = Read(Fixture(file));
        Assert.Empty(fleet.Problems);
        Assert.Equal(hosts.Split(','), fleet.Hosts.Select(h => h.Name));

        var records = Records(File.ReadAllText(Fixture(file))).ToDictionary(r => r.GetProperty("hypervisor_hostname").GetString()!);
        foreach (var host in fleet.Hosts)
        {
            var expected = Compat.ReadCpus(HostCpu(records[host.Name]), host.Name);
            Assert.True(expected.Succeeded, expected.ToString());
            Assert.Equal(Compat.ToXml(expected.Value.Single()), Compat.ToXml(fleet.Kinds[host.Kind].Cpu));
        }

        // Hosts with the same CPU share a kind, whatever the order of cpu_info's features.
        Assert.Equal(records.Values.Select(r => HostCpu(r)).Distinct().Count(), fleet.Kinds.Length);
    }

    [Fact]
    public void Labels_are_the_aggregates_the_zone_and_the_compute_service()
    {
        var show = Read(Fixture("zed-show.json")).Hosts.Single().Labels;
        Assert.Equal("az1-hosts,gpu", show["aggregate"]);
        Assert.Equal("true", show["aggregate:gpu"]);
        Assert.Equal("true", show["aggregate:az1-hosts"]);
        Assert.Equal("node-05", show["service_host"]);
        Assert.Equal("enabled", show["status"]);
        Assert.Equal("up", show["state"]);
        Assert.False(show.ContainsKey("availability_zone"));

        var list = Read(Fixture("show-list.json")).Hosts;
        Assert.False(list.Single(h => h.Name == "node-06").Labels.ContainsKey("aggregate"));
        Assert.Equal("gpu", list.Single(h => h.Name == "node-07").Labels["aggregate"]);

        var queens = Read(Fixture("queens-detail.json")).Hosts.Single(h => h.Name == "cmp-03.dc1.example.org").Labels;
        Assert.Equal("cmp-03", queens["service_host"]);
        Assert.Equal("disabled", queens["status"]);

        Assert.Equal("az-2", Read(Fixture("hypervisor-one.json")).Hosts.Single().Labels["availability_zone"]);
    }

    [Fact]
    public void A_zone_comes_from_the_record_or_its_aggregates()
    {
        var record = """{"hypervisor_hostname": "h1", "availability_zone": "nova", "cpu_info": {"arch": "x86_64", "model": "Westmere", "features": []}}""";
        Assert.Equal("nova", ReadText(record).Hosts.Single().Labels["availability_zone"]);

        var aggregates = """{"hypervisor_hostname": "h2", "aggregates": [{"name": "fast", "availability_zone": "az-fast"}], "cpu_info": {"arch": "x86_64", "model": "Westmere"}}""";
        var labels = ReadText(aggregates).Hosts.Single().Labels;
        Assert.Equal("fast", labels["aggregate"]);
        Assert.Equal("az-fast", labels["availability_zone"]);
    }

    [Fact]
    public void Each_unreadable_record_is_a_problem_on_its_line_naming_its_host_and_what_is_wrong()
    {
        var fleet = Read(Fixture("unreadable-detail.json"));
        Assert.Equal(["kvm-c4"], fleet.Hosts.Select(h => h.Name));

        var lines = File.ReadAllLines(Fixture("unreadable-detail.json"));
        var expected = new (string? Host, string Reason)[]
        {
            ("ironic-node-1", "cpu_info is not the JSON of a libvirt host CPU: \"baremetal cpu\""),
            ("kvm-c1", "the record has no cpu_info: the compute API leaves it out from microversion 2.88 on"),
            (null, "the hypervisor record has no hypervisor_hostname"),
            ("domain-c7.vcenter", "hypervisor_type is VMware vCenter Server"),
            ("kvm-c2", "cpu_info is empty"),
            ("kvm-c3", "cpu_info.features is not a list of feature names"),
        };
        Assert.Equal(expected.Length, fleet.Problems.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var problem = fleet.Problems[i];
            Assert.Equal(expected[i].Host, problem.Host);
            Assert.StartsWith(expected[i].Reason, problem.Reason, StringComparison.Ordinal);
            // The line is where the record's object opens, and the record is the i-th of the list.
            Assert.Equal("        {", lines[problem.Line - 1]);
            Assert.Equal(i, lines.Take(problem.Line - 1).Count(l => l == "        {"));
        }
    }

    [Fact]
    public void A_feature_unknown_to_the_database_is_named_by_the_pools_baseline_as_libvirt_names_it()
    {
        var fleet = ReadText("""[{"hypervisor_hostname": "h1", "cpu_info": {"arch": "x86_64", "model": "Westmere", "features": ["no-such-feature"]}}]""");
        var pool = Assert.Single(Compat.PoolBaselines(fleet));
        Assert.Contains("unknown CPU feature 'no-such-feature'", pool.Cpu.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_is_one_error_naming_the_input_and_line()
    {
        var text = File.ReadAllText(Fixture("zed-show.json"));
        var cut = text.IndexOf("\"hypervisor_type\"", StringComparison.Ordinal);
        var read = Compat.ReadFleet(new MemoryStream(Encoding.UTF8.GetBytes(text[..cut])), "hv.json");
        Assert.False(read.Succeeded);
        Assert.Matches(@"^hv\.json:\d+: not valid JSON: ", read.Error!.Message);
        Assert.DoesNotContain('\n', read.Error.Message);
    }

    [Fact]
    public void The_bundled_example_gives_the_pools_of_the_json_lines_fleet_it_was_made_from()
    {
        var records = Read(RepositoryRoot.File("data/examples/hypervisors.json"));
        var lines = Compat.ReadFleet(RepositoryRoot.File("data/examples/fleet.jsonl")).Value;
        var fromRecords = Compat.PoolBaselines(records, "aggregate").ToDictionary(p => p.Pool.Name);
        var fromLines = Compat.PoolBaselines(lines, "cluster").ToDictionary(p => p.Pool.Name);

        Assert.Equal(fromLines.Keys.Order(StringComparer.Ordinal), fromRecords.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, pool) in fromLines)
        {
            Assert.Equal(pool.Pool.Members.Select(m => lines.Hosts[m].Name).Order(StringComparer.Ordinal),
                fromRecords[name].Pool.Members.Select(m => records.Hosts[m].Name).Order(StringComparer.Ordinal));
            Assert.Equal(Compat.ToXml(pool.Cpu.Value), Compat.ToXml(fromRecords[name].Cpu.Value));
        }
    }

    private static Fleet Read(string path)
    {
        var read = Compat.ReadFleet(path);
        Assert.True(read.Succeeded, read.ToString());
        return read.Value;
    }

    private static Fleet ReadText(string json)
    {
        var read = Compat.ReadFleet(new MemoryStream(Encoding.UTF8.GetBytes(json)), "hv.json");
        Assert.True(read.Succeeded, read.ToString());
        return read.Value;
    }

    /// <summary>The records of a file: the values one after the other, each a record, a list or a compute API wrapper.</summary>
    private static IEnumerable<JsonElement> Records(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        var values = new List<JsonElement>();
        while (reader.Read())
        {
            values.Add(JsonElement.ParseValue(ref reader));
        }

        foreach (var value in values)
        {
            var inner = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("hypervisors", out var list) ? list
                : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("hypervisor", out var one) ? one
                : value;
            foreach (var record in inner.ValueKind == JsonValueKind.Array ? inner.EnumerateArray().ToList() : [inner])
            {
                yield return record;
            }
        }
    }

    /// <summary>The host <c>&lt;cpu&gt;</c> of a record, as virsh capabilities would show it, written here from cpu_info's values.</summary>
    private static string HostCpu(JsonElement record)
    {
        var info = record.GetProperty("cpu_info");
        using var parsed = info.ValueKind == JsonValueKind.String ? JsonDocument.Parse(info.GetString()!) : null;
        info = parsed?.RootElement ?? info;
        var xml = new StringBuilder($"<cpu>\n  <arch>{info.GetProperty("arch").GetString()}</arch>\n  <model>{info.GetProperty("model").GetString()}</model>\n");
        if (info.TryGetProperty("vendor", out var vendor))
        {
            xml.Append($"  <vendor>{vendor.GetString()}</vendor>\n");
        }

        IEnumerable<string> features = info.TryGetProperty("features", out var list) ? list.EnumerateArray().Select(f => f.GetString()!).Order(StringComparer.Ordinal) : [];
        foreach (var feature in features)
        {
            xml.Append($"  <feature name='{feature}'/>\n");
        }

        return xml.Append("</cpu>\n").ToString();
    }
}
