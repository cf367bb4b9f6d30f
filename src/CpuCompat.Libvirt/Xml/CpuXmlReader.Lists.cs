using System.Xml;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Libvirt.Xml.Elements;

namespace CpuCompat.Libvirt.Xml;

public static partial class CpuXmlReader
{
    /// <summary>Below this many elements a second thread costs more than it saves.</summary>
    private const int ElementsPerThread = 1000;

    /// <summary>
    /// Parses separate <c>&lt;cpu&gt;</c> elements (UTF-8 bytes, one element each), each as <see cref="ReadAllCpus"/>
    /// reads a top-level <c>&lt;cpu&gt;</c> with <paramref name="type"/>: the fast path for lists of thousands of
    /// hosts. Elements in the plain form libvirt writes skip the XML parser (<see cref="CanonicalCpuReader"/>); big
    /// lists are parsed on every core. The result keeps the order of the elements; on failure it is the error of the
    /// first element that fails (positions are within that element).
    /// </summary>
    public static CpuListReadResult ReadCpuElements(IReadOnlyList<byte[]> elements, string fileName, CpuXmlType type, LibvirtGeneration generation)
    {
        var cpus = new CpuDefinition[elements.Count];
        var threads = Math.Clamp(elements.Count / ElementsPerThread, 1, Environment.ProcessorCount);
        var errors = new (int Index, Diagnostic Error)?[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            var scratch = new CanonicalCpuReader.Scratch();
            var features = new FeatureCache();
            var nodes = new ElementNodeReader();
            var (from, to) = ((int)((long)elements.Count * part / threads), (int)((long)elements.Count * (part + 1) / threads));
            for (var i = from; i < to; i++)
            {
                var result = Parse(elements[i], fileName, type, generation, scratch, nodes, features);
                if (!result.Succeeded)
                {
                    errors[part] = (i, result.Error);
                    return;
                }

                cpus[i] = result.Cpu;
            }
        });

        return errors.Where(e => e is not null).MinBy(e => e!.Value.Index) is { } failed
            ? CpuListReadResult.Failure(failed.Error)
            : new CpuListReadResult([.. cpus], null);
    }

    private static CpuReadResult Parse(byte[] element, string fileName, CpuXmlType type, LibvirtGeneration generation,
        CanonicalCpuReader.Scratch scratch, ElementNodeReader nodes, FeatureCache features)
    {
        var node = CanonicalCpuReader.TryRead(element, scratch);
        if (node is null)
        {
            try
            {
                using var reader = XmlSource.CreateReader(new MemoryStream(element, writable: false), ConformanceLevel.Fragment);
                reader.MoveToContent();
                node = nodes.Read(reader);
                while (reader.NodeType is not XmlNodeType.None)
                {
                    if (reader.NodeType is not (XmlNodeType.Whitespace or XmlNodeType.Comment))
                    {
                        return CpuReadResult.Failure(LibvirtDiagnostics.MalformedXml(node.Span(fileName), "more than one element where one <cpu> was expected"));
                    }

                    reader.Read();
                }
            }
            catch (XmlException e)
            {
                return CpuReadResult.Failure(XmlSource.Failure(e, fileName, null));
            }
        }

        return node.Is("cpu")
            ? CpuElementParser.Parse(node, fileName, type, generation, features: features)
            : CpuReadResult.Failure(LibvirtDiagnostics.UnexpectedRoot(node.Span(fileName), node.LocalName, "cpu"));
    }
}
