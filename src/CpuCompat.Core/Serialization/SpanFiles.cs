using System.Collections.Immutable;
using System.Text;

namespace CpuCompat.Core.Serialization;

/// <summary>
/// The source files that the spans of a database name, each written once at the head of the file and referred to
/// by its index. A database has a few dozen files but about a thousand spans (every vendor, feature, model and
/// rule), so writing the path with each span made it the largest share of what reading a database allocates.
/// </summary>
internal sealed class SpanFileWriter(Stream stream) : BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public List<string> Files { get; } = [];

    /// <summary>The index of <paramref name="file"/>, added to <see cref="Files"/> when it is new.</summary>
    public int IndexOf(string file)
    {
        if (!_index.TryGetValue(file, out var index))
        {
            index = Files.Count;
            _index.Add(file, index);
            Files.Add(file);
        }

        return index;
    }
}

/// <summary>Reads a database whose spans name their file by index (<see cref="SpanFileWriter"/>).</summary>
internal sealed class SpanFileReader(Stream stream) : BinaryReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), leaveOpen: true)
{
    public ImmutableArray<string> Files { get; set; } = [];

    public string File(int index) =>
        index >= 0 && index < Files.Length ? Files[index] : throw new InvalidDataException("a span names a file that is not in the table");
}
