using System.Text.RegularExpressions;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Text;

namespace CpuCompat.Formats.Detection;

/// <summary>The format detected for an input (<see cref="InputFormat.Auto"/> when none), and the line that decided it.</summary>
public readonly record struct FormatDetection(InputFormat Format, int Line, string Evidence)
{
    public bool Found => Format != InputFormat.Auto;
}

/// <summary>
/// Recognises an input format from its content, never from the file name: XML by its root element, QMP by a leading
/// JSON object, and the text formats by the first line only one of them can have (a libcpuid array entry, an AIDA64
/// <c>CPUID xxxxxxxx</c> line, a <c>cpuid -r</c> register line, a cpuinfo <c>key : value</c> field). Section headers
/// alone only decide when no register line follows.
/// </summary>
public static partial class FormatDetector
{
    [GeneratedRegex(@"^\s*(basic_cpuid|ext_cpuid|intel_fn4|intel_fn11|intel_fn12h|intel_fn14h|amd_fn8000001dh)\[[0-9]+\]\s*=")]
    private static partial Regex LibcpuidEntry();

    [GeneratedRegex(@"^\s*_+\s*Logical CPU #[0-9]+\s*_+\s*$|^version=")]
    private static partial Regex LibcpuidHeader();

    [GeneratedRegex(@"^CPUID\s+[0-9A-Fa-f]{8}\b")]
    private static partial Regex Aida64Entry();

    [GeneratedRegex(@"^-+\[\s*(CPUID Registers\s*/\s*)?Logical CPU #[0-9]+\s*\]-+\s*$|^CPU#[0-9]+\s+AffMask:|^CPUID Registers \(CPU #[0-9]+\)")]
    private static partial Regex Aida64Header();

    [GeneratedRegex(@"^\s*0x[0-9A-Fa-f]{8}\s+0x[0-9A-Fa-f]+\s*:\s*eax=0x")]
    private static partial Regex CpuidToolEntry();

    [GeneratedRegex(@"^CPU(\s+[0-9]+)?\s*:\s*$")]
    private static partial Regex CpuidToolHeader();

    [GeneratedRegex(@"^(processor|vendor_id|cpu family|flags|model name)\s*:")]
    private static partial Regex CpuinfoField();

    public static FormatDetection Detect(string text)
    {
        var first = FirstContent(text);
        if (first < 0)
        {
            return new FormatDetection(InputFormat.Auto, 0, "the input is empty");
        }

        if (text[first] == '<')
        {
            if (RootElement(text) is not { } root)
            {
                return new FormatDetection(InputFormat.Auto, LineOf(text, first), "XML without a root element");
            }

            var format = FormatOfRoot(root.Name);

            // Any other wrapper holding <cpu> elements is read the way virsh reads it (cpu-baseline inputs).
            if (format == InputFormat.Auto && text.Contains("<cpu", StringComparison.Ordinal) && root.Name is not ("cpus" or "cpudata"))
            {
                format = InputFormat.Cpu;
            }

            return new FormatDetection(format, root.Line, $"XML root element <{root.Name}>");
        }

        if (text[first] == '{')
        {
            return new FormatDetection(InputFormat.Qmp, LineOf(text, first), "a JSON object (QMP reply)");
        }

        return DetectText(text);
    }

    /// <summary>
    /// The kind of an allowed-models file: a QMP reply (a leading JSON object, QEMU's <c>query-cpu-definitions</c>)
    /// or a plain list of model names, one a line.
    /// </summary>
    public static ModelListFormat DetectModelList(string text) =>
        FirstContent(text) is var first and >= 0 && text[first] == '{' ? ModelListFormat.Qmp : ModelListFormat.Names;

    /// <summary>The format a libvirt XML root element stands for; <see cref="InputFormat.Auto"/> for anything else.</summary>
    public static InputFormat FormatOfRoot(string root) => root switch
    {
        "cpudata" => InputFormat.Cpudata,
        "cpu" or "cpuTest" => InputFormat.Cpu,
        "capabilities" => InputFormat.Capabilities,
        "domain" => InputFormat.Domain,
        "domainCapabilities" => InputFormat.DomCapabilities,
        _ => InputFormat.Auto,
    };

    private static FormatDetection DetectText(string text)
    {
        FormatDetection? tentative = null;
        foreach (var line in TextLines.Split(text))
        {
            var content = line.Content;
            InputFormat? decided = LibcpuidEntry().IsMatch(content) ? InputFormat.Libcpuid
                : Aida64Entry().IsMatch(content.TrimStart()) ? InputFormat.Aida64
                : CpuidToolEntry().IsMatch(content) ? InputFormat.CpuidTool
                : CpuinfoField().IsMatch(content.TrimStart()) ? InputFormat.Cpuinfo
                : null;
            if (decided is { } format)
            {
                return new FormatDetection(format, line.Number, $"line {line.Number}: '{Shorten(content.Trim())}'");
            }

            InputFormat? header = LibcpuidHeader().IsMatch(content) ? InputFormat.Libcpuid
                : Aida64Header().IsMatch(content.Trim()) ? InputFormat.Aida64
                : CpuidToolHeader().IsMatch(content.Trim()) ? InputFormat.CpuidTool
                : null;
            if (header is { } h && tentative is null)
            {
                tentative = new FormatDetection(h, line.Number, $"header on line {line.Number}: '{Shorten(content.Trim())}'");
            }
        }

        return tentative ?? new FormatDetection(InputFormat.Auto, 1, "no line of a known format");
    }

    /// <summary>The root element of an XML text (after the declaration, comments, processing instructions and a DOCTYPE), without parsing the rest.</summary>
    public static XmlRoot? RootElement(string text)
    {
        var i = FirstContent(text);
        while (i >= 0 && i < text.Length && text[i] == '<')
        {
            if (At(text, i, "<?"))
            {
                i = After(text, i, "?>");
            }
            else if (At(text, i, "<!--"))
            {
                i = After(text, i, "-->");
            }
            else if (At(text, i, "<!"))
            {
                // A DOCTYPE may carry an internal subset in brackets; skip to the '>' outside them.
                var depth = 0;
                for (i += 2; i < text.Length && (text[i] != '>' || depth > 0); i++)
                {
                    depth += text[i] == '[' ? 1 : text[i] == ']' ? -1 : 0;
                }

                i = i < text.Length ? i + 1 : -1;
            }
            else
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '-' or '.' or ':'))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    return null;
                }

                var line = LineOf(text, i);
                var lineStart = text.LastIndexOfAny(['\n', '\r'], i) + 1;
                return new XmlRoot(text[(i + 1)..end], line, i - lineStart + 1);
            }

            i = i < 0 ? -1 : NextContent(text, i);
        }

        return null;
    }

    private static bool At(string text, int i, string what) => string.CompareOrdinal(text, i, what, 0, what.Length) == 0;

    private static int After(string text, int i, string end)
    {
        var at = text.IndexOf(end, i, StringComparison.Ordinal);
        return at < 0 ? -1 : at + end.Length;
    }

    private static int FirstContent(string text) => NextContent(text, 0);

    private static int NextContent(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF')
            {
                return i;
            }
        }

        return -1;
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
            }
        }

        return line;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

/// <summary>What an allowed-models file holds (<see cref="FormatDetector.DetectModelList"/>).</summary>
public enum ModelListFormat
{
    /// <summary>QEMU's <c>query-cpu-definitions</c> reply (usability and blockers per model).</summary>
    Qmp,

    /// <summary>Model names, one a line.</summary>
    Names,
}

/// <summary>An XML document's root element name and where it starts.</summary>
public sealed record XmlRoot(string Name, int Line, int Column);
