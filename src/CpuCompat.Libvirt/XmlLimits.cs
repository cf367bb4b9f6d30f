namespace CpuCompat.Libvirt;

/// <summary>
/// Bounds on one XML document that no real libvirt document comes near (the largest file of a libvirt release, its
/// cpu_map's x86_features.xml, is about 40 KB, nests 4 deep and has at most 6 attributes on an element), so that
/// a hostile file is refused while it is read instead of costing time or memory in proportion to its worst part.
/// </summary>
public static class XmlLimits
{
    /// <summary>libxml2's default nesting limit, which libvirt's parser runs under: deeper elements are refused.</summary>
    public const int MaxDepth = 256;

    /// <summary>Bytes (or characters, for text already in memory) of one document; a list of many records is read record by record.</summary>
    public const long MaxDocumentBytes = 16L << 20;

    /// <summary>Attributes on one element.</summary>
    public const int MaxAttributes = 256;

    /// <summary>Characters of one attribute value or one run of text.</summary>
    public const int MaxValueLength = 1 << 20;

    /// <summary>The document size limit as people say it.</summary>
    public static string DocumentSizeText => $"{MaxDocumentBytes >> 20} MiB";
}
