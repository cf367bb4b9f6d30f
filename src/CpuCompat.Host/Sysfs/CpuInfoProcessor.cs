using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// One <c>processor</c> block of <c>/proc/cpuinfo</c> with its topology fields (<c>physical id</c>, <c>core id</c>),
/// the fallback when a container hides <c>/sys/devices/system/cpu</c>.
/// </summary>
public sealed record CpuInfoProcessor(int Id, int? PhysicalId, int? CoreId)
{
    public static IReadOnlyList<CpuInfoProcessor> Parse(string text)
    {
        var processors = new List<CpuInfoProcessor>();
        int? id = null, physical = null, core = null;
        foreach (var line in text.Split('\n').Append(""))
        {
            var colon = line.IndexOf(':');
            if (line.Trim().Length == 0 || colon < 0)
            {
                if (line.Trim().Length == 0 && id is { } done)
                {
                    processors.Add(new CpuInfoProcessor(done, physical, core));
                    (id, physical, core) = (null, null, null);
                }

                continue;
            }

            var value = int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            switch (line[..colon].Trim())
            {
                case "processor": id = value; break;
                case "physical id": physical = value; break;
                case "core id": core = value; break;
            }
        }

        return processors;
    }
}
