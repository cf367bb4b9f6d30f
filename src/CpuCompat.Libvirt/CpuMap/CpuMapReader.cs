using System.Collections.Immutable;
using System.Xml.Linq;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuMap;

/// <summary>
/// Reads a libvirt cpu_map directory (<c>index.xml</c> and the files it includes) into declarations, in exactly the
/// order libvirt loads them: per <c>&lt;arch&gt;</c>, its own vendors, features and models, then
/// every include — direct ones and, for 11.x maps, those inside named <c>&lt;group&gt;</c>s — in document order, and
/// per included file all vendors, then all features, then all models. Malformed input gives diagnostics, never
/// an exception.
/// </summary>
public sealed partial class CpuMapReader
{
    public const string IndexFile = "index.xml";

    private readonly string _directory;
    private readonly Func<string, string?> _readFile;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly List<Declaration> _declarations = [];
    private LibvirtGeneration _generation;

    private CpuMapReader(string directory, Func<string, string?> readFile)
    {
        _directory = directory;
        _readFile = readFile;
    }

    /// <summary>
    /// Reads the map in <paramref name="directory"/>. The generation is detected from <c>index.xml</c> (11.x maps group
    /// their includes in <c>&lt;group&gt;</c> elements, 9.x maps do not) unless <paramref name="generation"/> says otherwise.
    /// </summary>
    public static CpuMapReadResult Read(string directory, LibvirtGeneration? generation = null)
    {
        return Read(directory, name => ReadFromDisk(Path.Combine(directory, name)), generation);
    }

    /// <summary>
    /// Reads a map whose files come from <paramref name="readFile"/> (given a file name as written in
    /// <c>index.xml</c>, it returns the text, or null when there is no such file). <paramref name="directory"/> only
    /// names the files in diagnostics.
    /// </summary>
    public static CpuMapReadResult Read(string directory, Func<string, string?> readFile, LibvirtGeneration? generation = null)
    {
        var reader = new CpuMapReader(directory, readFile);
        reader.ReadIndex(generation);
        return new CpuMapReadResult([.. reader._declarations], reader._generation, reader._diagnostics.ToImmutable());
    }

    /// <summary>The generation a map's <c>index.xml</c> says it belongs to: 11.x when it uses <c>&lt;group&gt;</c>.</summary>
    public static LibvirtGeneration DetectGeneration(XElement indexRoot) =>
        indexRoot.Children("arch").Any(a => a.Children("group").Any()) ? LibvirtGeneration.Libvirt11 : LibvirtGeneration.Libvirt9;

    private static string? ReadFromDisk(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            // Refused by its size before it is read whole, as every XML input is.
            var size = new FileInfo(path).Length;
            return size > XmlLimits.MaxDocumentBytes
                ? throw new IOException($"the file is {size} bytes, more than the limit of {XmlLimits.DocumentSizeText} for one XML document")
                : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private string PathOf(string name) => Path.Combine(_directory, name);

    private XElement? LoadFile(string name, SourceSpan includedAt)
    {
        string? text;
        try
        {
            text = _readFile(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            _diagnostics.Add(LibvirtDiagnostics.FileNotReadable(includedAt, PathOf(name), e.Message));
            return null;
        }

        if (text is null)
        {
            _diagnostics.Add(LibvirtDiagnostics.FileNotReadable(includedAt, PathOf(name), "no such file"));
            return null;
        }

        var document = XmlSource.Load(text, PathOf(name), out var error);
        if (document?.Root is not { } root)
        {
            _diagnostics.Add(error ?? LibvirtDiagnostics.MalformedXml(SourceSpan.None(PathOf(name)), "the document has no root element"));
            return null;
        }

        return root;
    }

    private void ReadIndex(LibvirtGeneration? requested)
    {
        var indexPath = PathOf(IndexFile);
        _generation = requested ?? LibvirtGeneration.Libvirt11;
        if (LoadFile(IndexFile, SourceSpan.None(indexPath)) is not { } root)
        {
            return;
        }

        _generation = requested ?? DetectGeneration(root);
        _declarations.Add(new CompatDeclaration(_generation.ReferenceVersion(), XmlSource.SpanOf(root, indexPath)));
        if (!root.Is("cpus"))
        {
            _diagnostics.Add(LibvirtDiagnostics.UnexpectedRoot(XmlSource.SpanOf(root, indexPath), root.Name.LocalName, "cpus"));
            return;
        }

        var seen = new HashSet<ArchFamily>();
        foreach (var arch in root.Children("arch"))
        {
            var span = XmlSource.SpanOf(arch, indexPath);
            if (arch.Attribute("name")?.Value is not { } name)
            {
                _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(span, "arch", "name", "<arch name='x86'>"));
                continue;
            }

            if (ArchNames.FromMapName(name) is not { } family)
            {
                _diagnostics.Add(LibvirtDiagnostics.UnknownMapArch(span, name));
                continue;
            }

            // libvirt takes the first <arch> of a driver's name and never looks at later ones.
            if (!seen.Add(family))
            {
                _diagnostics.Add(LibvirtDiagnostics.DuplicateArch(span, name));
                continue;
            }

            ReadArch(arch, family, indexPath);
        }

        if (seen.Count == 0 && !_diagnostics.HasErrors)
        {
            _diagnostics.Add(LibvirtDiagnostics.NoArchitecture(XmlSource.SpanOf(root, indexPath)));
        }
    }

    private void ReadArch(XElement arch, ArchFamily family, string indexPath)
    {
        ReadContents(arch, family, indexPath);
        foreach (var include in Includes(arch, indexPath))
        {
            var span = XmlSource.SpanOf(include, indexPath);
            if (include.Attribute("filename")?.Value is not { Length: > 0 } name)
            {
                _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(span, "include", "filename", "<include filename='x86_features.xml'/>"));
                continue;
            }

            if (LoadFile(name, span) is not { } root)
            {
                continue;
            }

            // libvirt does not check the root's name; say so when it is unusual, but read it anyway.
            if (!root.Is("cpus"))
            {
                _diagnostics.Add(LibvirtDiagnostics.UnusualIncludeRoot(XmlSource.SpanOf(root, PathOf(name)), root.Name.LocalName, "cpus"));
            }

            ReadContents(root, family, PathOf(name));
        }
    }

    /// <summary>Direct includes and, in 11.x, includes of named groups, in document order.</summary>
    private IEnumerable<XElement> Includes(XElement arch, string indexPath)
    {
        foreach (var child in arch.Elements())
        {
            if (child.Is("include"))
            {
                yield return child;
            }
            else if (child.Is("group") && _generation >= LibvirtGeneration.Libvirt11 && child.Attribute("name") is not null)
            {
                foreach (var include in child.Children("include"))
                {
                    yield return include;
                }
            }
        }
    }

    /// <summary>A file's (or an arch element's) direct vendors, then features, then models, each in document order.</summary>
    private void ReadContents(XElement container, ArchFamily family, string file)
    {
        foreach (var vendor in container.Children("vendor"))
        {
            ReadVendor(vendor, family, file);
        }

        foreach (var feature in container.Children("feature"))
        {
            ReadFeature(feature, family, file);
        }

        foreach (var model in container.Children("model"))
        {
            ReadModel(model, family, file);
        }
    }

    /// <summary>The element's required <c>name</c>, or null (reported) when it is missing or empty.</summary>
    private NameRef? RequireName(XElement element, string file)
    {
        if (element.Attribute("name") is { Value.Length: > 0 } attribute)
        {
            return new NameRef(attribute.Value, XmlSource.SpanOf(attribute, file));
        }

        _diagnostics.Add(LibvirtDiagnostics.MissingAttribute(XmlSource.SpanOf(element, file), element.Name.LocalName, "name"));
        return null;
    }
}
