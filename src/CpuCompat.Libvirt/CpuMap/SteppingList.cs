namespace CpuCompat.Libvirt.CpuMap;

/// <summary>
/// Parses a model signature's <c>stepping</c> attribute the way libvirt's bitmap parser reads it: comma-separated
/// items <c>N</c>, <c>N-M</c> (N ≤ M) and <c>^N</c> (take N out again), every number 0..15, spaces allowed around items.
/// </summary>
internal static class SteppingList
{
    private const int Size = 16;

    /// <summary>The set as a bit mask (bit s = stepping s), or null when the text is not a valid list.</summary>
    public static ushort? Parse(string text)
    {
        var items = text.Split(',');
        if (text.Trim().Length == 0)
        {
            return null;
        }

        var mask = 0;
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.StartsWith('^'))
            {
                if (!TryNumber(item[1..], out var excluded))
                {
                    return null;
                }

                mask &= ~(1 << excluded);
                continue;
            }

            var dash = item.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryNumber(item, out var single))
                {
                    return null;
                }

                mask |= 1 << single;
                continue;
            }

            if (!TryNumber(item[..dash], out var first) || !TryNumber(item[(dash + 1)..], out var last) || last < first)
            {
                return null;
            }

            for (var s = first; s <= last; s++)
            {
                mask |= 1 << s;
            }
        }

        return (ushort)mask;
    }

    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        text = text.Trim();
        if (text.Length == 0 || text.Length > 2 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return value < Size;
    }
}
