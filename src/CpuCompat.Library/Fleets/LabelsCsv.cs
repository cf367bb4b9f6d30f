using nietras.SeparatedValues;

namespace CpuCompat.Fleets;

/// <summary>
/// The labels of a directory fleet: a CSV whose header names the columns (<c>host,cluster,rack,…</c>; the <c>host</c>
/// column first or anywhere) and whose rows give each host's labels. Empty cells are labels not set.
/// </summary>
internal static class LabelsCsv
{
    public static Core.Outcome<Dictionary<string, List<KeyValuePair<string, string>>>> Read(string path)
    {
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
            var columns = reader.Header.ColNames;
            var hostColumn = columns.ToList().IndexOf("host");
            if (hostColumn < 0)
            {
                return Core.Errors.Invalid($"{path}:1: the labels CSV needs a 'host' column (header: host,cluster,rack,…)");
            }

            var labels = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
            foreach (var row in reader)
            {
                var host = row[hostColumn].ToString();
                if (host.Length == 0)
                {
                    return Core.Errors.Invalid($"{path}:{row.LineNumberFrom}: the row has no host name");
                }

                if (labels.ContainsKey(host))
                {
                    return Core.Errors.Invalid($"{path}:{row.LineNumberFrom}: host {host} has a second row");
                }

                var pairs = new List<KeyValuePair<string, string>>();
                for (var c = 0; c < columns.Count && c < row.ColCount; c++)
                {
                    if (c != hostColumn && row[c].ToString() is { Length: > 0 } value)
                    {
                        pairs.Add(new(columns[c], value));
                    }
                }

                labels.Add(host, pairs);
            }

            return labels;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or FormatException)
        {
            return Core.Errors.Invalid($"cannot read the labels CSV {path}: {Inputs.FileErrors.Describe(e)}");
        }
    }
}
