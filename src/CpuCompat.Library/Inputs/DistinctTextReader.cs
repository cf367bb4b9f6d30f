using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Inputs;

/// <summary>
/// The CPUs of XML texts already in memory, one host a text, as libvirt's baseline call takes them (an array of
/// XML strings). Texts with the same characters are grouped by the XxHash128 of their UTF-16 code units (and
/// compared, so grouping is exact) before anything is encoded or parsed: a repeated text costs one hash of memory
/// it already has, and 10,000 hosts of 48 kinds cost 48 parses. The distinct texts go to the element parser that
/// plain <c>&lt;cpu&gt;</c> lists use, on every core for big batches; a text it refuses (a document with a
/// declaration, a domain, a typo) is read again alone by the ordinary reader, so that its error is the one a file
/// holding it would give, named by its place in the list.
/// </summary>
internal static class DistinctTextReader
{
    public static Outcome<DistinctCpus> Read(CpuReader reader, IReadOnlyList<string> texts)
    {
        var firstByHash = new Dictionary<UInt128, int>(Math.Min(texts.Count, 1024));
        var distinct = new List<int>();
        // Collisions of a 128-bit hash with different texts are kept apart on this list, searched only on a collision.
        List<int>? collided = null;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"text {i + 1} is null", nameof(texts));
            var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan()));
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(firstByHash, hash, out var seen);
            if (!seen)
            {
                first = i;
                distinct.Add(i);
            }
            else if (!string.Equals(texts[first], text, StringComparison.Ordinal) && !(collided ??= []).Exists(j => string.Equals(texts[j], text, StringComparison.Ordinal)))
            {
                collided.Add(i);
                distinct.Add(i);
            }
        }

        // The line break a document ends with is cut off: the element parser's fast path takes a <cpu> element
        // exactly, as a list scanner cuts it, and white space after the root means nothing to XML.
        var elements = new byte[distinct.Count][];
        for (var k = 0; k < elements.Length; k++)
        {
            elements[k] = Element(texts[distinct[k]]);
        }

        var generation = reader.Engine.Database.Generation;
        var parsed = CpuXmlReader.ReadCpuElements(elements, "text", CpuXmlType.Auto, generation);
        if (parsed.Succeeded)
        {
            return new DistinctCpus(parsed.Cpus, texts.Count, [.. distinct.Select(i => $"text {i + 1}")]);
        }

        // Some text is not a plain <cpu> element: read one at a time, the ordinary reader taking any the fast one refuses.
        var cpus = new List<CpuDefinition>(distinct.Count);
        var origins = new List<string>(distinct.Count);
        foreach (var index in distinct)
        {
            var name = $"text {index + 1}";
            var one = CpuXmlReader.ReadCpuElements([Element(texts[index])], name, CpuXmlType.Auto, generation);
            if (one.Succeeded)
            {
                cpus.AddRange(one.Cpus);
                origins.Add(name);
                continue;
            }

            var whole = reader.ReadCpus(texts[index], name);
            if (!whole.Succeeded)
            {
                return whole.Error!;
            }

            cpus.AddRange(whole.Value);
            origins.AddRange(whole.Value.Select(_ => name));
        }

        return new DistinctCpus([.. cpus], texts.Count, [.. origins]);
    }

    /// <summary>The UTF-8 bytes of a text without the white space it ends with.</summary>
    private static byte[] Element(string text)
    {
        var chars = text.AsSpan().TrimEnd(" \t\r\n");
        var bytes = new byte[Encoding.UTF8.GetByteCount(chars)];
        Encoding.UTF8.GetBytes(chars, bytes);
        return bytes;
    }
}
