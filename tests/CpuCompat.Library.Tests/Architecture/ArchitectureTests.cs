using Xunit;

namespace CpuCompat.Library.Tests.Architecture;

/// <summary>
/// The layering rules of src/, checked on the compiled code: namespaces depend on each other one way only, the CLI
/// goes through the library instead of an architecture driver, and each phase keeps to its own tools.
/// </summary>
public sealed class ArchitectureTests
{
    private static IEnumerable<TypeUse> OwnUses => TypeReferences.All.Where(u =>
        u.ToNamespace.StartsWith("CpuCompat", StringComparison.Ordinal) && u.FromNamespace != u.ToNamespace);

    [Fact]
    public void Every_src_assembly_is_inspected()
    {
        var names = TypeReferences.SourceAssemblies.Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(["CpuCompat.Core", "CpuCompat.Data", "CpuCompat.Formats", "CpuCompat.Host", "CpuCompat.Language", "CpuCompat.Library", "CpuCompat.Libvirt", "cpucompat"],
            names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void No_namespace_cycle_anywhere_under_src()
    {
        var edges = OwnUses.GroupBy(u => u.FromNamespace).ToDictionary(g => g.Key, g => g.GroupBy(u => u.ToNamespace).ToDictionary(h => h.Key, h => h.First()));
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(cycle =>
            "cycle: " + string.Join(" <-> ", cycle) + "\n" + string.Join("\n", cycle.SelectMany(a => edges.GetValueOrDefault(a, [])
                .Where(e => cycle.Contains(e.Key)).Select(e => $"    {a} -> {e.Key} ({e.Value})"))))));
    }

    [Fact]
    public void The_cli_names_no_architecture_driver_or_request_type()
    {
        var offending = OwnUses.Where(u => u.FromAssembly == "cpucompat"
            && (u.ToNamespace.StartsWith("CpuCompat.Core.Engine.Drivers.", StringComparison.Ordinal)
                || (u.ToAssembly == "CpuCompat.Core" && (u.ToType.EndsWith("Driver", StringComparison.Ordinal) || u.ToType.EndsWith("Request", StringComparison.Ordinal)))))
            .Select(u => u.ToString()).Distinct().ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void The_cli_reaches_parsing_and_probing_only_through_the_library_or_host_reports()
    {
        // The command line may name the data types of every layer, but it never runs a parser or compiler itself:
        // no ANTLR, no XML reader, no cpu_map reader, no binder.
        var offending = TypeReferences.All.Where(u => u.FromAssembly == "cpucompat"
            && (u.ToAssembly == "Antlr4.Runtime.Standard" || u.ToNamespace.StartsWith("System.Xml", StringComparison.Ordinal)
                || u.ToNamespace is "CpuCompat.Core.Binding" or "CpuCompat.Libvirt.CpuMap" or "CpuCompat.Language.Parsing"))
            .Select(u => u.ToString()).Distinct().ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void The_engine_uses_neither_a_parser_nor_xml_nor_files()
    {
        var offending = TypeReferences.All.Where(u => u.FromAssembly == "CpuCompat.Core"
            && (u.ToAssembly == "Antlr4.Runtime.Standard" || u.ToNamespace.StartsWith("System.Xml", StringComparison.Ordinal)
                || u.ToType is "System.IO.File" or "System.IO.Directory" or "System.IO.FileStream" or "System.IO.FileInfo"))
            .Select(u => u.ToString()).Distinct().ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void The_dsl_front_end_never_touches_xml()
    {
        var offending = TypeReferences.All.Where(u => u.FromAssembly == "CpuCompat.Language" && u.ToNamespace.StartsWith("System.Xml", StringComparison.Ordinal))
            .Select(u => u.ToString()).Distinct().ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void The_architecture_drivers_do_not_know_each_other()
    {
        var drivers = new[] { "X86", "Ppc64", "Arm", "S390" }.Select(a => $"CpuCompat.Core.Engine.Drivers.{a}").ToList();
        var offending = OwnUses.Where(u => drivers.Contains(u.FromNamespace) && drivers.Contains(u.ToNamespace)).Select(u => u.ToString()).Distinct().ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    /// <summary>Tarjan's algorithm: the strongly connected components of the namespace graph.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, TypeUse>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var next = 0;
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v, []).Keys)
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }
    }
}
