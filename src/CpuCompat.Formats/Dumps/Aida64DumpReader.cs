using System.Globalization;
using System.Text.RegularExpressions;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Text;

namespace CpuCompat.Formats.Dumps;

/// <summary>
/// Reads the "CPUID Registers" text of AIDA64 and InstLatx64 dumps: lines
/// <c>CPUID 00000007: EAX-EBX-ECX-EDX [SL 00] [notes]</c>, with the sub-leaf in hexadecimal in <c>[SL nn]</c>. Older
/// dumps write <c>CPUID 00000004  &lt;tab&gt;EAX-…</c> or leave out the colon and have no <c>[SL]</c> notes; a leaf they
/// list several times gets its sub-leaf numbers from <see cref="SubleafInference"/>. Only the first logical CPU's
/// section is read: it ends at a header of another CPU, at another section header, or where a second leaf 0 starts.
/// </summary>
public static partial class Aida64DumpReader
{
    private const string Format = "AIDA64";

    [GeneratedRegex(@"^CPUID\s+(?<leaf>[0-9A-Fa-f]{1,8})\s*:?\s*(?<eax>[0-9A-Fa-f]{8})-(?<ebx>[0-9A-Fa-f]{8})-(?<ecx>[0-9A-Fa-f]{8})-(?<edx>[0-9A-Fa-f]{8})(?:\s*\[SL\s+(?<sl>[0-9A-Fa-f]{1,8})\])?")]
    private static partial Regex DataLine();

    // "CPUID" followed by a hexadecimal digit starts a register line even when the rest is broken.
    [GeneratedRegex(@"^CPUID\s+[0-9A-Fa-f]")]
    private static partial Regex DataLineStart();

    // The CPU section headers of the README: "------[ Logical CPU #0 ]------",
    // "------[ CPUID Registers / Logical CPU #0 ]------", "CPU#000 AffMask: 0x…", and "CPUID Registers (CPU #1):",
    // which counts from 1.
    [GeneratedRegex(@"^-+\[\s*(?:CPUID Registers\s*/\s*)?Logical CPU #(?<n>[0-9]+)\s*\]-+$|^CPU#(?<n>[0-9]+)\s+AffMask:|^CPUID Registers \(CPU #(?<one>[0-9]+)\)")]
    private static partial Regex CpuHeader();

    [GeneratedRegex(@"^-+\[.*\]-+$")]
    private static partial Regex OtherSection();

    private sealed record Entry(uint Leaf, uint? Subleaf, Registers Registers, int Line, int Column);

    public static RawDataReadResult Read(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var builder = new DumpBuilder(fileName, diagnostics);
        var entries = ReadSection(text, fileName, diagnostics);
        if (entries.Count == 0)
        {
            // After a damaged register line, "no data" would only repeat the problem.
            if (!diagnostics.HasErrors)
            {
                diagnostics.Add(FormatDiagnostics.NoCpuidData(new SourceSpan(fileName, 1, 1), Format));
            }

            return RawDataReadResult.Of(builder, diagnostics);
        }

        if (!entries.Any(e => e.Leaf == 0))
        {
            diagnostics.Add(FormatDiagnostics.NoLeafZero(new SourceSpan(fileName, entries[0].Line, entries[0].Column)));
        }

        foreach (var group in entries.GroupBy(e => e.Leaf))
        {
            AddLeaf(group.Key, [.. group], builder, diagnostics, fileName);
        }

        return RawDataReadResult.Of(builder, diagnostics);
    }

    /// <summary>The register lines of the first logical CPU, in file order.</summary>
    private static List<Entry> ReadSection(string text, string fileName, DiagnosticBag diagnostics)
    {
        var entries = new List<Entry>();
        int? cpu = null;
        (int Line, int Count) unrecognized = default;
        foreach (var line in TextLines.Split(text))
        {
            var content = line.Content.Trim();
            var at = new SourceSpan(fileName, line.Number, TextLines.FirstColumn(line.Content));
            if (content.Length == 0)
            {
                continue;
            }

            if (CpuHeader().Match(content) is { Success: true } header)
            {
                var n = header.Groups["one"].Success
                    ? Number(header.Groups["one"].Value) - 1
                    : Number(header.Groups["n"].Value);

                // A section may open with two headers for the same CPU ("Logical CPU #0" then "CPU#000 AffMask").
                if (cpu is null || cpu == n || entries.Count == 0)
                {
                    cpu = n;
                    continue;
                }

                diagnostics.Add(FormatDiagnostics.OtherCpusIgnored(at));
                break;
            }

            if (OtherSection().IsMatch(content))
            {
                if (entries.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (DataLine().Match(content) is { Success: true } m)
            {
                var leaf = uint.Parse(m.Groups["leaf"].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

                // A dump without headers starts every CPU with leaf 0.
                if (leaf == 0 && entries.Any(e => e.Leaf == 0))
                {
                    diagnostics.Add(FormatDiagnostics.OtherCpusIgnored(at));
                    break;
                }

                uint? subleaf = m.Groups["sl"].Success
                    ? uint.Parse(m.Groups["sl"].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                    : null;
                entries.Add(new Entry(leaf, subleaf, new Registers(Hex(m, "eax"), Hex(m, "ebx"), Hex(m, "ecx"), Hex(m, "edx")), line.Number, at.Column));
                continue;
            }

            if (DataLineStart().IsMatch(content))
            {
                diagnostics.Add(FormatDiagnostics.MalformedLine(at, Format, "'CPUID 00000007: EAX-EBX-ECX-EDX [SL 00]' with 8-digit hexadecimal registers"));
                continue;
            }

            // Text around the registers (program versions, notes) belongs to other parts of the report.
            if (entries.Count > 0)
            {
                unrecognized = (unrecognized.Count == 0 ? line.Number : unrecognized.Line, unrecognized.Count + 1);
            }
        }

        if (unrecognized.Count > 0)
        {
            diagnostics.Add(FormatDiagnostics.UnrecognizedLine(new SourceSpan(fileName, unrecognized.Line, 1), Format, unrecognized.Count));
        }

        return entries;
    }

    /// <summary>
    /// Adds one leaf's entries. With every entry noted ([SL nn]) the notes give the sub-leaves; with none, a single entry
    /// is sub-leaf 0 and repeated ones are numbered by <see cref="SubleafInference"/>; an entry missing its note among
    /// noted ones follows the previous entry.
    /// </summary>
    private static void AddLeaf(uint leaf, List<Entry> entries, DumpBuilder builder, DiagnosticBag diagnostics, string fileName)
    {
        if (entries.All(e => e.Subleaf is null) && entries.Count > 1)
        {
            var assignment = SubleafInference.Assign(leaf, [.. entries.Select(e => e.Registers)]);
            diagnostics.Add(FormatDiagnostics.SubleavesInferred(new SourceSpan(fileName, entries[0].Line, entries[0].Column), leaf, assignment.Subleaves, assignment.Rule));
            for (var i = 0; i < entries.Count; i++)
            {
                builder.Add(DataKey.Cpuid(leaf, assignment.Subleaves[i]), entries[i].Registers, entries[i].Line, entries[i].Column);
            }

            return;
        }

        long previous = -1;
        foreach (var e in entries)
        {
            var subleaf = e.Subleaf ?? (uint)Math.Min(previous + 1, uint.MaxValue);
            builder.Add(DataKey.Cpuid(leaf, subleaf), e.Registers, e.Line, e.Column);
            previous = subleaf;
        }
    }

    private static uint Hex(Match m, string group) =>
        uint.Parse(m.Groups[group].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static int Number(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
}
