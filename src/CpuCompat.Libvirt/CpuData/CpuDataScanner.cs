using System.Buffers;
using CpuCompat.Core.Cpu;

namespace CpuCompat.Libvirt.CpuData;

/// <summary>
/// A fast path for the one shape real <c>&lt;cpudata&gt;</c> documents have: optional comments and white space, then
/// <c>&lt;cpudata arch='x86'&gt;</c> holding only self-closed <c>&lt;cpuid .../&gt;</c> and <c>&lt;msr .../&gt;</c>
/// items whose attributes are the known register names with plain numbers. It reads the registers straight from
/// the characters, with no XML tree (building one costs several times the decode it feeds).
/// </summary>
/// <remarks>
/// The scanner only ever answers for a document it understands completely and that the full reader would read
/// without a word; for anything else (an XML declaration, DOCTYPE, entity or character reference, CDATA, processing
/// instruction, other attributes or elements, a repeated attribute, a value that is not a plain number, a missing
/// register, unusually long runs) it declines, and <see cref="CpuDataXmlReader"/> hands the text to the full reader,
/// so every error and every odd document keeps the full reader's answer and its diagnostics.
/// </remarks>
internal static partial class CpuDataScanner
{
    /// <summary>More items than any real CPU has (about 60); longer documents go to the full reader.</summary>
    internal const int MaxItems = 4096;

    /// <summary>Comments, runs of white space and values longer than this are left to the full reader and its limits.</summary>
    internal const int MaxRun = 4096;

    private const int MaxNumberLength = 64;

    // The runs the shape is made of, each skipped by one vectorised search rather than a test per character.
    private static readonly SearchValues<char> Space = SearchValues.Create(" \t\n\r");
    private static readonly SearchValues<char> NameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz_");
    private static readonly SearchValues<char> ValueChars = SearchValues.Create("+0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The data of a document in the simple shape, or null when the full reader must read it.</summary>
    public static Core.Cpu.CpuData? TryScan(ReadOnlySpan<char> text)
    {
        if (text.Length > XmlLimits.MaxDocumentBytes)
        {
            return null;
        }

        var cursor = new Cursor(text);
        if (!cursor.SkipMisc() || !cursor.Take("<cpudata") || !cursor.RootArch())
        {
            return null;
        }

        // The items go to a pooled buffer: the data keeps only its own exact copy.
        var slots = ArrayPool<DataSlot>.Shared.Rent(64);
        try
        {
            var count = 0;
            while (true)
            {
                if (!cursor.SkipMisc())
                {
                    return null;
                }

                if (cursor.Take("</cpudata"))
                {
                    break;
                }

                if (count == MaxItems || cursor.Item() is not { } slot)
                {
                    return null;
                }

                if (count == slots.Length)
                {
                    var larger = ArrayPool<DataSlot>.Shared.Rent(count * 2);
                    slots.AsSpan().CopyTo(larger);
                    ArrayPool<DataSlot>.Shared.Return(slots);
                    slots = larger;
                }

                slots[count++] = slot;
            }

            // The end tag may carry white space before its '>'; after it only comments and white space may follow.
            cursor.SkipSpace();
            if (count == 0 || !cursor.Take(">") || !cursor.SkipMisc() || !cursor.AtEnd)
            {
                return null;
            }

            return Core.Cpu.CpuData.From(slots.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<DataSlot>.Shared.Return(slots);
        }
    }

    /// <summary>A position in the text and the grammar of the simple shape; every method fails rather than guess.</summary>
    private ref partial struct Cursor(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _at;

        public readonly bool AtEnd => _at == _text.Length;

        public bool Take(string literal)
        {
            if (!_text[_at..].StartsWith(literal, StringComparison.Ordinal))
            {
                return false;
            }

            _at += literal.Length;
            return true;
        }

        /// <summary>Skips XML white space; false when the run is too long to be left unchecked by the limits.</summary>
        public bool SkipSpace()
        {
            var run = RunOf(Space);
            _at += run;
            return run <= MaxRun;
        }

        /// <summary>Skips white space and well-formed comments made of ordinary characters.</summary>
        public bool SkipMisc()
        {
            while (true)
            {
                if (!SkipSpace())
                {
                    return false;
                }

                if (!Take("<!--"))
                {
                    return true;
                }

                // "--" may only appear as the comment's end; every character must be one XML allows.
                var body = _text[_at..];
                var end = body.IndexOf("--", StringComparison.Ordinal);
                if (end < 0 || end > MaxRun || end + 2 >= body.Length || body[end + 2] != '>' || !PlainText(body[..end]))
                {
                    return false;
                }

                _at += end + 3;
            }
        }

        /// <summary>The root's only attribute, <c>arch='x86'</c>, and the root's <c>&gt;</c>.</summary>
        public bool RootArch()
        {
            if (!SkipSpaceBeforeAttribute() || Name() is not "arch" || !TryValue(out var value) || !value.SequenceEqual("x86"))
            {
                return false;
            }

            SkipSpace();
            return Take(">");
        }

        /// <summary>One self-closed <c>&lt;cpuid&gt;</c> or <c>&lt;msr&gt;</c> item, or null.</summary>
        public DataSlot? Item() => LibvirtLine() ?? AnySpelling();

        /// <summary>
        /// An item spelled in any way XML allows, attribute by attribute: its own method, so that the buffer and the
        /// locals it needs are not set up for every line libvirt's spelling reads.
        /// </summary>
        private DataSlot? AnySpelling()
        {
            if (!Take("<"))
            {
                return null;
            }

            var cpuid = Name() switch
            {
                "cpuid" => true,
                "msr" => false,
                _ => (bool?)null,
            };
            if (cpuid is null)
            {
                return null;
            }

            // Registers in the order of Register(): eax_in ecx_in eax ebx ecx edx index; bit i set when seen.
            Span<uint> values = stackalloc uint[7];
            var seen = 0;
            while (true)
            {
                // XML wants white space before every attribute, none before "/>".
                var spaced = SkipSpaceBeforeAttribute();
                if (Take("/>"))
                {
                    break;
                }

                var register = spaced ? Register(Name(), cpuid.Value) : -1;
                if (register < 0 || (seen & (1 << register)) != 0 || !TryValue(out var text) || !Number(text, out values[register]))
                {
                    return null;
                }

                seen |= 1 << register;
            }

            // The full reader names a missing required register; leave that to it.
            const int eaxIn = 1 << 0, eax = 1 << 2, edx = 1 << 5, index = 1 << 6;
            if (cpuid.Value)
            {
                return (seen & eaxIn) == 0 ? null
                    : new DataSlot(DataKey.Cpuid(values[0], values[1]), new Registers(values[2], values[3], values[4], values[5]));
            }

            return (seen & (index | eax | edx)) != (index | eax | edx) ? null
                : new DataSlot(DataKey.Msr(values[6]), new Registers(values[2], 0, 0, values[5]));
        }

        /// <summary>
        /// A value as <see cref="CNumbers"/> reads it; the form every real file uses, <c>0x</c> and at most eight
        /// hexadecimal digits, read directly (it cannot overflow).
        /// </summary>
        private static bool Number(ReadOnlySpan<char> text, out uint value)
        {
            if (text.Length is > 2 and <= 10 && text[0] == '0' && text[1] is 'x' or 'X')
            {
                return HexDigits.TryParse(text[2..], out value);
            }

            return CNumbers.TryParseUInt32(text, 0, out value);
        }

        private static int Register(string? name, bool cpuid) => (name, cpuid) switch
        {
            ("eax_in", true) => 0,
            ("ecx_in", true) => 1,
            ("eax", _) => 2,
            ("ebx", true) => 3,
            ("ecx", true) => 4,
            ("edx", _) => 5,
            ("index", false) => 6,
            _ => -1,
        };

        /// <summary>Skips white space; true when there was some, and not too much.</summary>
        private bool SkipSpaceBeforeAttribute()
        {
            var start = _at;
            return SkipSpace() && _at > start;
        }

        /// <summary>
        /// The element or attribute name at the cursor when it is one the shape knows (lower-case letters and '_'),
        /// as an interned literal so no string is made; null otherwise, including a longer name that starts like one.
        /// </summary>
        private string? Name()
        {
            var name = _text.Slice(_at, RunOf(NameChars));
            _at += name.Length;
            if (_at < _text.Length && !(_text[_at] is ' ' or '\t' or '\n' or '\r' or '=' or '/' or '>'))
            {
                return null;
            }

            return name switch
            {
                "cpuid" => "cpuid",
                "msr" => "msr",
                "arch" => "arch",
                "eax_in" => "eax_in",
                "ecx_in" => "ecx_in",
                "eax" => "eax",
                "ebx" => "ebx",
                "ecx" => "ecx",
                "edx" => "edx",
                "index" => "index",
                _ => null,
            };
        }

        /// <summary>
        /// <c>= 'value'</c> (either quote, white space around '='), when the value holds only ASCII letters, digits
        /// and '+': such a value is the same before and after XML's attribute normalisation.
        /// </summary>
        private bool TryValue(out ReadOnlySpan<char> value)
        {
            value = default;
            if (!SkipSpace() || !Take("=") || !SkipSpace() || _at >= _text.Length || _text[_at] is not ('\'' or '"'))
            {
                return false;
            }

            var quote = _text[_at++];
            var length = RunOf(ValueChars);
            if (length > MaxNumberLength || _at + length >= _text.Length || _text[_at + length] != quote)
            {
                return false;
            }

            value = _text.Slice(_at, length);
            _at += length + 1;
            return true;
        }

        /// <summary>How many characters from the cursor on belong to <paramref name="set"/>.</summary>
        private readonly int RunOf(SearchValues<char> set)
        {
            var rest = _text[_at..];
            var end = rest.IndexOfAnyExcept(set);
            return end < 0 ? rest.Length : end;
        }

        /// <summary>Characters XML allows in a comment without question: tab, line ends, and the BMP outside surrogates.</summary>
        private static bool PlainText(ReadOnlySpan<char> s)
        {
            foreach (var c in s)
            {
                if (c < ' ' ? c is not ('\t' or '\n' or '\r') : c is >= '\uD800' and <= '\uDFFF' or '\uFFFE' or '\uFFFF')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
