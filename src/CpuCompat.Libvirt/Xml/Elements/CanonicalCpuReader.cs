namespace CpuCompat.Libvirt.Xml.Elements;

/// <summary>
/// Builds the <see cref="ElementNode"/> tree of a <c>&lt;cpu&gt;</c> element written in the plain form libvirt itself
/// writes (<c>virsh capabilities</c>, <c>cpu-baseline</c>, every host list made from them): one element a line, each
/// either empty (<c>&lt;feature name='vmx'/&gt;</c>) or holding plain text (<c>&lt;model&gt;Haswell&lt;/model&gt;</c>),
/// printable ASCII only, no entities, comments, CDATA or namespaces. Returns null for anything else, which the caller
/// then reads with the XML parser.
/// </summary>
/// <remarks>
/// Why this exists: a fleet's hosts are mostly distinct in small ways, and a list of 10,000 distinct hosts must be read
/// in tens of milliseconds. <see cref="System.Xml.XmlReader"/> costs several times that, most of it in generality this
/// form never uses, and so does allocating a tree per host on machines where fresh memory is slow: the nodes and
/// strings here are reused from one element to the next (see <see cref="Scratch"/>). The form accepted is small
/// enough that its meaning as XML is plain (no character or attribute-value normalisation can apply), and a test
/// checks that for every input accepted here the tree is the one the XML parser builds.
/// </remarks>
internal static class CanonicalCpuReader
{
    /// <summary>
    /// What each byte may be: <see cref="NameByte"/> in a name, <see cref="PlainByte"/> in text and attribute values
    /// (printable ASCII but the markup characters). Names and values here are a few bytes long, where a table lookup a
    /// byte beats the set-up of a vectorised search.
    /// </summary>
    private static readonly byte[] Classes = BuildClasses();

    private const byte NameByte = 1;
    private const byte PlainByte = 2;


    /// <summary>
    /// What one thread reuses from element to element: the nodes of the last tree, and interned names and values (they
    /// repeat from host to host). A tree is valid until the next <see cref="TryRead"/> with the same
    /// scratch.
    /// </summary>
    public sealed class Scratch
    {
        internal readonly AsciiInterner Names = new();

        private readonly List<ElementNode> _nodes = [];
        private int _used;

        internal void Start() => _used = 0;

        internal ElementNode Node(string name, int line, int column)
        {
            if (_used == _nodes.Count)
            {
                _nodes.Add(new ElementNode(name, "", line, column));
                return _nodes[_used++];
            }

            var node = _nodes[_used++];
            node.Reset(name, "", line, column);
            return node;
        }
    }

    /// <summary>The tree of <paramref name="element"/>, or null when it is not in the plain form.</summary>
    public static ElementNode? TryRead(ReadOnlySpan<byte> element, Scratch scratch)
    {
        // Anything longer than one value may be (a CPU is a few kilobytes) is left to the guarded XML reader, so
        // the limits on text and attribute values are judged in one place.
        if (element.Length > XmlLimits.MaxValueLength)
        {
            return null;
        }

        scratch.Start();
        // Positions as the XML parser gives them: an element's column is its '<', an attribute's its name.
        var line = 1;
        var rest = element;
        var lineStart = element.Length;
        if (!TryTag(ref rest, scratch, line, 1, out var cpu, out var cpuEmpty) || cpu.LocalName != "cpu")
        {
            return null;
        }

        if (cpuEmpty)
        {
            return rest.IsEmpty ? cpu : null;
        }

        while (true)
        {
            // Blank space between lines. A \r not followed by \n is a line break of its own to the XML parser: left to it.
            var blank = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (blank < 0)
            {
                return null;
            }

            var breaks = rest[..blank];
            var newlines = breaks.Count((byte)'\n');
            if (breaks.Count((byte)'\r') != breaks.Count("\r\n"u8))
            {
                return null;
            }

            line += newlines;
            if (newlines > 0)
            {
                lineStart = rest.Length - breaks.LastIndexOf((byte)'\n') - 1;
            }

            rest = rest[blank..];
            if (rest.StartsWith("</cpu>"u8))
            {
                if (rest.Length != 6)
                {
                    return null;
                }

                return cpu;
            }

            if (!TryTag(ref rest, scratch, line, lineStart - rest.Length + 1, out var child, out var empty))
            {
                return null;
            }

            if (!empty)
            {
                // Plain text up to this element's end tag, then the end tag itself.
                var end = Span(rest, PlainByte);
                if (end < 0 || rest[end] != (byte)'<' || !rest[end..].StartsWith("</"u8))
                {
                    return null;
                }

                var close = rest[(end + 2)..];
                if (!StartsWithName(close, child.LocalName) || close.Length <= child.LocalName.Length || close[child.LocalName.Length] != (byte)'>')
                {
                    return null;
                }

                child.Value = end == 0 ? "" : Intern(scratch, rest[..end]);
                rest = close[(child.LocalName.Length + 1)..];
            }

            cpu.Add(child);
        }
    }

    /// <summary>Reads <c>&lt;name attr='v' ...&gt;</c> or <c>.../&gt;</c> at the start of <paramref name="rest"/>.</summary>
    private static bool TryTag(ref ReadOnlySpan<byte> rest, Scratch scratch, int line, int column, out ElementNode element, out bool empty)
    {
        var start = rest.Length;
        element = null!;
        empty = false;
        if (rest.Length < 3 || rest[0] != (byte)'<' || !TryName(rest[1..], out var nameLength))
        {
            return false;
        }

        element = scratch.Node(Intern(scratch, rest.Slice(1, nameLength)), line, column);
        rest = rest[(1 + nameLength)..];
        while (true)
        {
            var spaces = rest.IndexOfAnyExcept((byte)' ');
            if (spaces < 0)
            {
                return false;
            }

            if (rest[spaces] == (byte)'>' || (rest[spaces] == (byte)'/' && rest.Length > spaces + 1 && rest[spaces + 1] == (byte)'>'))
            {
                empty = rest[spaces] == (byte)'/';
                rest = rest[(spaces + (empty ? 2 : 1))..];
                return true;
            }

            // An attribute needs blank space before it: name='value' or name="value".
            if (spaces == 0 || !TryName(rest[spaces..], out var length))
            {
                return false;
            }

            var attribute = rest.Slice(spaces, length);
            var attributeColumn = column + start - (rest.Length - spaces);
            rest = rest[(spaces + length)..];
            if (rest.Length < 3 || rest[0] != (byte)'=' || rest[1] is not ((byte)'\'' or (byte)'"'))
            {
                return false;
            }

            var quote = rest[1];
            var valueLength = Span(rest[2..], PlainByte);
            if (valueLength < 0 || rest[2 + valueLength] != quote)
            {
                return false;
            }

            // A namespace declaration, or the same attribute twice (not well-formed), is for the XML parser to judge.
            var name = Intern(scratch, attribute);
            // So is an element with more attributes than the guarded reader allows.
            if (name == "xmlns" || element.Attribute(name) is not null || element.Attributes.Length >= XmlLimits.MaxAttributes)
            {
                return false;
            }

            element.Add(new AttributeNode(name, "", Intern(scratch, rest.Slice(2, valueLength)), element.LocalName, line, attributeColumn));
            rest = rest[(3 + valueLength)..];
        }
    }

    /// <summary>An XML name of ASCII letters, digits, '_', '.' and '-' that starts with a letter or '_' (no namespace prefix).</summary>
    private static bool TryName(ReadOnlySpan<byte> text, out int length)
    {
        length = Span(text, NameByte);
        if (length < 0)
        {
            length = text.Length;
        }

        return length > 0 && (char.IsAsciiLetter((char)text[0]) || text[0] == (byte)'_');
    }

    /// <summary>The index of the first byte not of <paramref name="kind"/>, or -1 when all are.</summary>
    private static int Span(ReadOnlySpan<byte> text, byte kind)
    {
        var classes = Classes;
        for (var i = 0; i < text.Length; i++)
        {
            if ((classes[text[i]] & kind) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static byte[] BuildClasses()
    {
        var classes = new byte[256];
        for (var b = 0x20; b < 0x7F; b++)
        {
            classes[b] = b is '<' or '>' or '&' or '"' or '\'' ? (byte)0 : PlainByte;
            if (char.IsAsciiLetterOrDigit((char)b) || b is '_' or '.' or '-')
            {
                classes[b] |= NameByte;
            }
        }

        return classes;
    }

    private static bool StartsWithName(ReadOnlySpan<byte> text, string name)
    {
        if (text.Length < name.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (text[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Intern(Scratch scratch, ReadOnlySpan<byte> ascii) => scratch.Names.Get(ascii);
}
