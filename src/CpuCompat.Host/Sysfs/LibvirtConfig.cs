namespace CpuCompat.Host.Sysfs;

/// <summary>
/// The few settings of libvirt's configuration files (<c>/etc/libvirt/qemu.conf</c>, <c>libvirtd.conf</c>) that change
/// what the capabilities report: <c>key = "value"</c> or <c>key = [ "a", "b" ]</c> lines, <c>#</c> comments.
/// A missing file means libvirt's defaults; a setting CpuCompat cannot parse is ignored.
/// </summary>
public sealed class LibvirtConfig
{
    public const string QemuConfPath = "/etc/libvirt/qemu.conf";
    public const string DaemonConfPath = "/etc/libvirt/libvirtd.conf";

    private readonly Dictionary<string, List<string>> _values;

    private LibvirtConfig(Dictionary<string, List<string>> values) => _values = values;

    public static LibvirtConfig Empty { get; } = new([]);

    public static LibvirtConfig Read(HostRoot root, string path) =>
        root.ReadText(path) is { } text ? Parse(text) : Empty;

    public static LibvirtConfig Parse(string text)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            values[key] = Strings(value);
        }

        return new LibvirtConfig(values);
    }

    /// <summary>The string value of <paramref name="key"/>; for a list, its first element.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;

    public IReadOnlyList<string>? GetList(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>The quoted strings of a value: <c>"a"</c> or <c>[ "a", "b" ]</c>; unquoted text (numbers) is kept as is.</summary>
    private static List<string> Strings(string value)
    {
        var result = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('"', i);
            if (open < 0)
            {
                break;
            }

            var close = value.IndexOf('"', open + 1);
            if (close < 0)
            {
                break;
            }

            result.Add(value[(open + 1)..close]);
            i = close + 1;
        }

        if (result.Count == 0 && value.Length > 0 && !value.StartsWith('['))
        {
            var hash = value.IndexOf('#');
            result.Add((hash < 0 ? value : value[..hash]).Trim());
        }

        return result;
    }
}
