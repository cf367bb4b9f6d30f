using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Dumps;
using CpuCompat.Formats.Linux;
using CpuCompat.Formats.Qemu;
using CpuCompat.Formats.Xml;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Formats;

/// <summary>
/// The one entry point for CPU inputs: detects the format from the content (or takes the one forced with
/// <c>--input-format</c>), runs that format's reader and returns a <see cref="CpuInput"/>. Never throws on any text;
/// every problem is a diagnostic with its file, line and column.
/// </summary>
public static class CpuInputReader
{
    /// <param name="text">The whole input.</param>
    /// <param name="fileName">The name used in diagnostics (<c>&lt;stdin&gt;</c> for standard input).</param>
    /// <param name="format"><see cref="InputFormat.Auto"/> to detect, or the format to force.</param>
    /// <param name="engine">The engine over the feature database (cpuinfo and QMP inputs name features; XML reading follows its libvirt generation).</param>
    /// <param name="xmlType">How <c>&lt;cpu&gt;</c> elements are read (<see cref="CpuXmlType.Auto"/>: host when they have an arch).</param>
    public static CpuInput Read(string text, string fileName, InputFormat format, CpuEngine engine, CpuXmlType xmlType = CpuXmlType.Auto)
    {
        text ??= "";
        var start = new SourceSpan(fileName, 1, 1);
        if (string.IsNullOrWhiteSpace(text.Replace("\uFEFF", "", StringComparison.Ordinal)))
        {
            return Failed(format, FormatDiagnostics.EmptyInput(start));
        }

        var detection = FormatDetector.Detect(text);
        var chosen = format == InputFormat.Auto ? detection.Format : format;
        if (chosen == InputFormat.Auto)
        {
            return Failed(format, FormatDiagnostics.UnknownFormat(start));
        }

        var extra = new List<Diagnostic>();
        if (format != InputFormat.Auto && detection.Found && detection.Format != format && !(format == InputFormat.Cpu && detection.Format.IsDefinition()))
        {
            extra.Add(FormatDiagnostics.FormatMismatch(new SourceSpan(fileName, Math.Max(detection.Line, 1), 1), format, detection.Format));
        }

        var input = ReadAs(text, fileName, chosen, engine, xmlType);
        if (input.FirstError?.Code == FormatCodes.WrongXmlRoot)
        {
            // The error already names the root it found and the format to use: the warning would say it twice.
            extra.Clear();
        }

        return input with
        {
            FormatEvidence = format == InputFormat.Auto ? detection.Evidence : "requested",
            Diagnostics = [.. extra, .. input.Diagnostics],
        };
    }

    private static CpuInput ReadAs(string text, string fileName, InputFormat format, CpuEngine engine, CpuXmlType xmlType)
    {
        var database = engine.Database;
        switch (format)
        {
            case InputFormat.Cpudata:
                var cpudata = CpuDataXmlReader.Read(text, fileName);
                return Raw(format, cpudata.Data, cpudata.Diagnostics);
            case InputFormat.Aida64:
                return FromDump(format, Aida64DumpReader.Read(text, fileName), fileName);
            case InputFormat.Libcpuid:
                return FromDump(format, LibcpuidDumpReader.Read(text, fileName), fileName);
            case InputFormat.CpuidTool:
                return FromDump(format, CpuidToolReader.Read(text, fileName), fileName);
            case InputFormat.Cpuinfo:
                if (database.X86 is not { } x86)
                {
                    return Failed(format, FormatDiagnostics.NoX86Database(new SourceSpan(fileName, 1, 1), "/proc/cpuinfo flags"));
                }

                var cpuinfo = CpuinfoReader.Read(text, fileName, x86);
                return Raw(format, cpuinfo.Data, cpuinfo.Diagnostics) with { Cpuinfo = cpuinfo.Report, Notes = cpuinfo.Notes };
            case InputFormat.Qmp:
                var qmp = QmpExpansionReader.Read(text, fileName, engine);
                return Raw(format, qmp.Data, qmp.Diagnostics) with { Models = qmp.Models };
            default:
                var xml = LibvirtXmlInputReader.Read(text, fileName, format, xmlType, database.Generation);
                return new CpuInput { Format = format, Cpus = xml.Diagnostics.Any(d => d.IsError) ? [] : xml.Cpus, CpuSpans = xml.Spans, Diagnostics = xml.Diagnostics };
        }
    }

    private static CpuInput FromDump(InputFormat format, RawDataReadResult result, string fileName)
    {
        if (result.Data is not { } data)
        {
            return Raw(format, null, result.Diagnostics);
        }

        var caveats = DumpCaveats.Of(data).ToImmutableArray();
        var diagnostics = result.Diagnostics.AddRange(caveats.Select(c => FormatDiagnostics.DumpCaveat(new SourceSpan(fileName, 1, 1), c)));
        return Raw(format, data, diagnostics) with { Notes = caveats };
    }

    private static CpuInput Raw(InputFormat format, Core.Cpu.CpuData? data, ImmutableArray<Diagnostic> diagnostics) =>
        new() { Format = format, Data = diagnostics.Any(d => d.IsError) ? null : data, Diagnostics = diagnostics };

    private static CpuInput Failed(InputFormat format, Diagnostic error) => new() { Format = format, Diagnostics = [error] };
}
