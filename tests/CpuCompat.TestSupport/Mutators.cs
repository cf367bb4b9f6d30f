using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.TestSupport;

/// <summary>One way to damage a text: what, where, how much, and with which character.</summary>
public readonly record struct Mutation(MutationKind Kind, int Position, int Length, char Character)
{
    public override string ToString() => $"{Kind} at {Position} ({Length}, '{Character}')";
}

/// <summary>The kinds of damage real inputs suffer: cut short, holes, noise, flipped characters, and line-level damage.</summary>
public enum MutationKind
{
    /// <summary>The text ends early (a copy interrupted).</summary>
    Truncate,

    /// <summary>A run of characters is gone.</summary>
    Delete,

    /// <summary>A few copies of one character are inserted.</summary>
    Insert,

    /// <summary>One character is replaced (a flipped bit, a typo).</summary>
    Replace,

    /// <summary>A line appears twice (a duplicate key, a second leaf 0).</summary>
    DuplicateLine,

    /// <summary>A line is lost.</summary>
    DropLine,

    /// <summary>Two lines trade places.</summary>
    SwapLines,

    /// <summary>Every single quote becomes another character (attribute quoting broken throughout).</summary>
    ReplaceQuotes,

    /// <summary>The text is wrapped into many nested elements (deep nesting).</summary>
    Nest,

    /// <summary>One bit of one character flips (memory or transfer damage).</summary>
    FlipBit,
}

/// <summary>Edits of libvirt XML that no reader may answer differently for: comments, indentation, quoting.</summary>
public enum IrrelevantKind
{
    /// <summary>A comment after the markup that ends a line.</summary>
    Comment,

    /// <summary>A line's indentation changes (spaces and tabs).</summary>
    Indent,

    /// <summary>A line's attributes are quoted with the other quote character.</summary>
    Requote,
}

/// <summary>One irrelevant edit and where: the line (wrapping around), and a number that picks the details.</summary>
public readonly record struct IrrelevantEdit(IrrelevantKind Kind, int Line, int Detail)
{
    public override string ToString() => $"{Kind} on line {Line} ({Detail})";
}

/// <summary>
/// The mutators of the robustness properties, in one place: every test project that fuzzes its readers draws its
/// mutations here, so a new kind of damage reaches all of them.
/// </summary>
public static class Mutators
{
    /// <summary>Characters that mean something to one of the formats (markup, separators, hex digits, BOM, NUL).</summary>
    public static readonly char[] Interesting = "<>/'\"=&;#:[]{}(),_-\t\n\r 0xAFaf9z:\uFEFF\0é".ToCharArray();

    /// <summary>A random mutation of any kind.</summary>
    public static Gen<Mutation> Any { get; } = Of(Enum.GetValues<MutationKind>());

    /// <summary>Random mutations of the given kinds.</summary>
    public static Gen<Mutation> Of(params MutationKind[] kinds) =>
        from kind in Gen.Elements(kinds)
        from position in Gen.Choose(0, 100_000)
        from length in Gen.Choose(1, 40)
        from c in Gen.Elements(Interesting)
        select new Mutation(kind, position, length, c);

    /// <summary>Applies one mutation; positions wrap around the text, so every mutation applies to any text.</summary>
    public static string Apply(string text, Mutation m)
    {
        var at = text.Length == 0 ? 0 : m.Position % text.Length;
        var end = Math.Min(text.Length, at + m.Length);
        var lines = text.Split('\n');
        var line = m.Position % lines.Length;
        var other = (line + m.Length) % lines.Length;
        return m.Kind switch
        {
            MutationKind.Truncate => text[..at],
            MutationKind.Delete => text.Remove(at, end - at),
            MutationKind.Insert => text.Insert(at, new string(m.Character, 1 + (m.Length % 3))),
            MutationKind.Replace => text.Length == 0 ? text : string.Concat(text.AsSpan(0, at), m.Character.ToString(), text.AsSpan(Math.Min(text.Length, at + 1))),
            MutationKind.DuplicateLine => string.Join('\n', lines.Take(line + 1).Concat(lines.Skip(line))),
            MutationKind.DropLine => string.Join('\n', lines.Where((_, i) => i != line)),
            MutationKind.SwapLines => string.Join('\n', lines.Select((l, i) => i == line ? lines[other] : i == other ? lines[line] : l)),
            MutationKind.ReplaceQuotes => text.Replace('\'', m.Character),
            MutationKind.FlipBit => text.Length == 0 ? text : string.Concat(text.AsSpan(0, at), ((char)(text[at] ^ (1 << (m.Length % 8)))).ToString(), text.AsSpan(at + 1)),
            _ => string.Concat(Enumerable.Repeat("<x>", m.Length * 10)) + text + string.Concat(Enumerable.Repeat("</x>", m.Length * 10)),
        };
    }

    /// <summary>Random irrelevant edits (<see cref="ApplyIrrelevant"/>); several are applied in turn.</summary>
    public static Gen<IrrelevantEdit[]> IrrelevantEdits { get; } =
        (from kind in Gen.Elements(Enum.GetValues<IrrelevantKind>())
         from line in Gen.Choose(0, 10_000)
         from detail in Gen.Choose(0, 1000)
         select new IrrelevantEdit(kind, line, detail)).ArrayOf();

    /// <summary>
    /// Applies an edit that leaves the meaning of libvirt XML as it is (no element, attribute or text value changes,
    /// and no line moves): a comment where a line ends in markup, other indentation where a line starts with markup,
    /// the other quote around attribute values that hold neither quote. Lines the edit does not fit stay as they are.
    /// </summary>
    public static string ApplyIrrelevant(string xml, IrrelevantEdit edit)
    {
        var lines = xml.Split('\n');
        var i = edit.Line % lines.Length;
        var line = lines[i];
        var content = line.TrimStart(' ', '\t');
        lines[i] = edit.Kind switch
        {
            // Not where a comment is already open: "--" may not appear inside one.
            IrrelevantKind.Comment when !xml.Contains("<!--", StringComparison.Ordinal) && line.TrimEnd('\r').EndsWith('>') && !line.TrimEnd('\r').EndsWith("?>", StringComparison.Ordinal)
                => line.TrimEnd('\r') + $"<!-- note {edit.Detail} -->" + (line.EndsWith('\r') ? "\r" : ""),
            IrrelevantKind.Indent when content.StartsWith('<') && !content.StartsWith("<?", StringComparison.Ordinal)
                => new string(edit.Detail % 2 == 0 ? ' ' : '\t', edit.Detail % 9) + content,
            IrrelevantKind.Requote when content.StartsWith('<') && !content.StartsWith("<?", StringComparison.Ordinal) && !content.StartsWith("<!", StringComparison.Ordinal)
                => Requote(line),
            _ => line,
        };
        return string.Join('\n', lines);
    }

    /// <summary>Swaps ' and " on a line, when the line has only one kind (so no value holds the other).</summary>
    private static string Requote(string line) => (line.Contains('\''), line.Contains('"')) switch
    {
        (true, false) => line.Replace('\'', '"'),
        (false, true) => line.Replace('"', '\''),
        _ => line,
    };

    /// <summary>A sample picked from <paramref name="samples"/> and damaged once.</summary>
    public static Gen<(int Sample, Mutation Mutation)> OnSamples(int sampleCount, Gen<Mutation>? mutations = null) =>
        from sample in Gen.Choose(0, Math.Max(0, sampleCount - 1))
        from mutation in mutations ?? Any
        select (sample, mutation);
}
