using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// A set of CPU (or NUMA node) numbers in the kernel's list format, <c>0-3,8,10-11</c>: parsed from sysfs files such
/// as <c>online</c>, <c>cpulist</c> and <c>thread_siblings_list</c>, and formatted the way libvirt's
/// <c>virBitmapFormat</c> prints them (runs of two or more as ranges).
/// </summary>
public sealed class CpuSet : IEquatable<CpuSet>
{
    /// <summary>A machine with more CPUs than this does not exist; a larger number means a corrupt file.</summary>
    private const int MaxCpu = 1 << 20;

    public static readonly CpuSet Empty = new([]);

    private CpuSet(ImmutableArray<int> members) => Members = members;

    /// <summary>The numbers, ascending and distinct.</summary>
    public ImmutableArray<int> Members { get; }

    public int Count => Members.Length;

    public bool IsEmpty => Members.IsEmpty;

    public static CpuSet Of(IEnumerable<int> numbers) => new([.. numbers.Distinct().Order()]);

    public bool Contains(int cpu) => Members.BinarySearch(cpu) >= 0;

    /// <summary>Parses <c>0-3,8</c> (whitespace and a trailing newline allowed; an empty text is the empty set).</summary>
    public static bool TryParse(string text, out CpuSet set)
    {
        set = Empty;
        var numbers = new List<int>();
        foreach (var raw in text.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.Trim();
            var dash = part.IndexOf('-');
            if (dash < 0)
            {
                if (!TryNumber(part, out var single))
                {
                    return false;
                }

                numbers.Add(single);
                continue;
            }

            if (!TryNumber(part[..dash], out var first) || !TryNumber(part[(dash + 1)..], out var last) || last < first)
            {
                return false;
            }

            for (var cpu = first; cpu <= last; cpu++)
            {
                numbers.Add(cpu);
            }
        }

        set = Of(numbers);
        return true;
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= MaxCpu;

    /// <summary>The kernel/libvirt list format: <c>0-3,8</c>; the empty set is an empty string.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < Members.Length)
        {
            var start = Members[i];
            var end = start;
            while (i + 1 < Members.Length && Members[i + 1] == end + 1)
            {
                end = Members[++i];
            }

            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(start.ToString(CultureInfo.InvariantCulture));
            if (end > start)
            {
                sb.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
            }

            i++;
        }

        return sb.ToString();
    }

    public bool Equals(CpuSet? other) => other is not null && Members.SequenceEqual(other.Members);

    public override bool Equals(object? obj) => Equals(obj as CpuSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var m in Members)
        {
            hash.Add(m);
        }

        return hash.ToHashCode();
    }
}
