using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Formats.Xml;

/// <summary>The CPU definitions of a libvirt XML document (empty on errors) and the problems found.</summary>
public sealed record DefinitionsReadResult(ImmutableArray<CpuDefinition> Cpus, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Where each of <see cref="Cpus"/> starts in the document.</summary>
    public ImmutableArray<SourceSpan> Spans { get; init; } = [];
}

/// <summary>
/// Reads libvirt's XML kinds through <see cref="CpuXmlReader.ReadAllCpus"/>, exactly as the commands read them
/// (virsh's rules: top-level <c>&lt;cpu&gt;</c>, <c>domain/cpu</c>, <c>capabilities/host/cpu</c>, the supported
/// host-model of domain capabilities, any other wrapper's <c>&lt;cpu&gt;</c> elements). A forced kind other than
/// <see cref="InputFormat.Cpu"/> also requires its root element, so <c>--input-format domain</c> on a capabilities
/// document is an error rather than a silent change of meaning.
/// </summary>
public static class LibvirtXmlInputReader
{
    public static DefinitionsReadResult Read(string text, string fileName, InputFormat format, CpuXmlType type, LibvirtGeneration generation)
    {
        var expected = format switch
        {
            InputFormat.Capabilities => "capabilities",
            InputFormat.Domain => "domain",
            InputFormat.DomCapabilities => "domainCapabilities",
            _ => null,
        };
        if (expected is not null && FormatDetector.RootElement(text) is { } root && root.Name != expected)
        {
            return new DefinitionsReadResult([], [FormatDiagnostics.WrongXmlRoot(new SourceSpan(fileName, root.Line, root.Column), format, expected, root.Name)]);
        }

        var result = CpuXmlReader.ReadAllCpus(text, fileName, type, generation);
        return result.Error is { } error ? new DefinitionsReadResult([], [error]) : new DefinitionsReadResult(result.Cpus, []) { Spans = result.Spans };
    }
}
