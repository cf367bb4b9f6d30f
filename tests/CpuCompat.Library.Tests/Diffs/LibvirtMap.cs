using System.Globalization;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.TestSupport;

namespace CpuCompat.Library.Tests.Diffs;

/// <summary>
/// libvirt's x86 cpu_map read straight from its XML, apart from CpuCompat's database and engine, so that tests can
/// say by other means which features a CPU stands for: a model's features are its ancestor's, less the ancestor's
/// removed ones, plus its own (neither removed nor added); a <c>&lt;cpu&gt;</c> stands for its model's features plus
/// the ones it lists without a policy or as require/force, less the ones it disables or forbids; raw data has a
/// feature when every CPUID/MSR bit of it is set.
/// </summary>
internal sealed class LibvirtMap
{
    private readonly Dictionary<string, (string? Ancestor, List<string> Own, List<string> Removed, string? Vendor, bool Alias)> _models = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DataKey Key, Registers Mask)>> _bits = new(StringComparer.Ordinal);

    private LibvirtMap(string dir)
    {
        var index = XDocument.Load(Path.Combine(dir, "index.xml"));
        var x86 = index.Root!.Elements("arch").Single(a => (string?)a.Attribute("name") == "x86");
        foreach (var include in x86.Descendants("include"))
        {
            var file = XDocument.Load(Path.Combine(dir, (string)include.Attribute("filename")!));
            foreach (var feature in file.Root!.Elements("feature"))
            {
                _bits[(string)feature.Attribute("name")!] = [.. feature.Elements("cpuid").Select(Cpuid).Concat(feature.Elements("msr").Select(Msr))];
                foreach (var alias in feature.Elements("alias"))
                {
                    _aliases.TryAdd((string)alias.Attribute("name")!, (string)feature.Attribute("name")!);
                }
            }

            foreach (var model in file.Root!.Elements("model"))
            {
                var features = model.Elements("feature").ToList();
                var name = (string)model.Attribute("name")!;
                var ancestor = (string?)model.Element("model")?.Attribute("name");
                _models[name] = (
                    ancestor,
                    [.. features.Where(f => f.Attribute("removed") is null && f.Attribute("added") is null).Select(f => (string)f.Attribute("name")!)],
                    [.. features.Where(f => (string?)f.Attribute("removed") == "yes").Select(f => (string)f.Attribute("name")!)],
                    (string?)model.Element("vendor")?.Attribute("name") ?? (ancestor is null ? null : _models[ancestor].Vendor),
                    ancestor is not null && features.Count == 0 && model.Element("vendor") is null && model.Element("signature") is null);
                _order.Add(name);
            }
        }
    }

    public static LibvirtMap Of(string version) => new(SharedData.CpuMapDir(version));

    public IEnumerable<string> FeatureNames => _bits.Keys;

    /// <summary>The map's name of a feature given by another spelling (QEMU's <c>sse3</c> is <c>pni</c>).</summary>
    public string Canonical(string name) => _bits.ContainsKey(name) ? name : _aliases.GetValueOrDefault(name, name);

    /// <summary>The models in the map's order (index.xml's includes).</summary>
    public IReadOnlyList<string> ModelNames => _order;

    /// <summary>A model's vendor, its own or its ancestor's; null for the vendorless ones (qemu64, pentium...).</summary>
    public string? VendorOf(string model) => _models[model].Vendor;

    /// <summary>A pure alias: an ancestor and nothing else (libvirt 11's <c>Nehalem-v1</c> for <c>Nehalem</c>).</summary>
    public bool IsAlias(string model) => _models[model].Alias;

    /// <summary>The features a model stands for.</summary>
    public HashSet<string> Model(string name)
    {
        var (ancestor, own, _, _, _) = _models[name];
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (ancestor is not null)
        {
            set.UnionWith(Model(ancestor));
            set.ExceptWith(_models[ancestor].Removed);
        }

        set.UnionWith(own);
        return set;
    }

    /// <summary>The features a <c>&lt;cpu&gt;</c> element (host or guest form, or the first one of a file) stands for.</summary>
    public HashSet<string> Cpu(string xml)
    {
        var cpu = XDocument.Parse(xml).Descendants("cpu").First();
        var set = Model(((string)cpu.Element("model")!).Trim());
        foreach (var f in cpu.Elements("feature"))
        {
            var name = (string)f.Attribute("name")!;
            if ((string?)f.Attribute("policy") is "disable" or "forbid")
            {
                set.Remove(name);
            }
            else if ((string?)f.Attribute("policy") is null or "require" or "force")
            {
                set.Add(name);
            }
        }

        return set;
    }

    /// <summary>The features whose every bit raw data has.</summary>
    public HashSet<string> Present(CpuData data) =>
        new(_bits.Where(f => f.Value.Count > 0 && f.Value.All(b => data[b.Key].Contains(b.Mask))).Select(f => f.Key), StringComparer.Ordinal);

    private static (DataKey, Registers) Cpuid(XElement e) =>
        (DataKey.Cpuid(Hex(e, "eax_in"), Hex(e, "ecx_in")), new Registers(Hex(e, "eax"), Hex(e, "ebx"), Hex(e, "ecx"), Hex(e, "edx")));

    private static (DataKey, Registers) Msr(XElement e) => (DataKey.Msr(Hex(e, "index")), new Registers(Hex(e, "eax"), 0, 0, Hex(e, "edx")));

    private static uint Hex(XElement e, string attribute) =>
        (string?)e.Attribute(attribute) is { } s ? uint.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 0;
}
