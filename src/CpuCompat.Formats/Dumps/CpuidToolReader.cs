using System.Text.RegularExpressions;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Text;

namespace CpuCompat.Formats.Dumps;

/// <summary>
/// Reads the raw output of the <c>cpuid</c> tool (Todd Allen's, packaged by Debian): <c>cpuid -r</c> prints
/// <c>CPU 0:</c> then one line per leaf and sub-leaf, <c>   0x00000007 0x00: eax=0x… ebx=0x… ecx=0x… edx=0x…</c>, and
/// again for every CPU; <c>cpuid -r -1</c> prints one block headed <c>CPU:</c>. Only the first CPU is read. The tool
/// queries sub-leaves itself, so its keys are taken as they are. Lines <c>msr 0x0000010a: eax=… edx=…</c> are
/// CpuCompat's own addition (written by <see cref="Convert.CpuidToolWriter"/>) so that MSR data survives a round trip.
/// </summary>
public static partial class CpuidToolReader
{
    private const string Format = "cpuid -r";

    [GeneratedRegex(@"^\s*0x(?<leaf>[0-9A-Fa-f]{1,8})\s+0x(?<sub>[0-9A-Fa-f]{1,8})\s*:\s*eax=0x(?<eax>[0-9A-Fa-f]{1,8})\s+ebx=0x(?<ebx>[0-9A-Fa-f]{1,8})\s+ecx=0x(?<ecx>[0-9A-Fa-f]{1,8})\s+edx=0x(?<edx>[0-9A-Fa-f]{1,8})\s*$")]
    private static partial Regex CpuidLine();

    [GeneratedRegex(@"^\s*msr\s+0x(?<index>[0-9A-Fa-f]{1,8})\s*:\s*eax=0x(?<eax>[0-9A-Fa-f]{1,8})\s+edx=0x(?<edx>[0-9A-Fa-f]{1,8})\s*$")]
    private static partial Regex MsrLine();

    // Anything that starts like a register line, so that a damaged one is reported instead of skipped.
    [GeneratedRegex(@"^\s*(0x[0-9A-Fa-f]+\s+0x|msr\s+0x)")]
    private static partial Regex RegisterLineStart();

    [GeneratedRegex(@"^CPU(\s+[0-9]+)?\s*:\s*$")]
    private static partial Regex CpuHeader();

    public static RawDataReadResult Read(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var builder = new DumpBuilder(fileName, diagnostics);
        var seenHeader = false;
        (int Line, int Count) unrecognized = default;
        foreach (var line in TextLines.Split(text))
        {
            var content = line.Content.Trim();
            var at = new SourceSpan(fileName, line.Number, TextLines.FirstColumn(line.Content));
            if (content.Length == 0)
            {
                continue;
            }

            if (CpuHeader().IsMatch(content))
            {
                if (seenHeader || builder.Count > 0)
                {
                    diagnostics.Add(FormatDiagnostics.OtherCpusIgnored(at));
                    break;
                }

                seenHeader = true;
                continue;
            }

            if (CpuidLine().Match(line.Content) is { Success: true } m)
            {
                builder.Add(DataKey.Cpuid(Hex(m, "leaf"), Hex(m, "sub")), new Registers(Hex(m, "eax"), Hex(m, "ebx"), Hex(m, "ecx"), Hex(m, "edx")), line.Number, at.Column);
                continue;
            }

            if (MsrLine().Match(line.Content) is { Success: true } msr)
            {
                builder.Add(DataKey.Msr(Hex(msr, "index")), new Registers(Hex(msr, "eax"), 0, 0, Hex(msr, "edx")), line.Number, at.Column);
                continue;
            }

            if (RegisterLineStart().IsMatch(line.Content))
            {
                diagnostics.Add(FormatDiagnostics.MalformedLine(at, Format, "'0x00000007 0x00: eax=0x… ebx=0x… ecx=0x… edx=0x…'"));
                continue;
            }

            unrecognized = (unrecognized.Count == 0 ? line.Number : unrecognized.Line, unrecognized.Count + 1);
        }

        if (unrecognized.Count > 0)
        {
            diagnostics.Add(FormatDiagnostics.UnrecognizedLine(new SourceSpan(fileName, unrecognized.Line, 1), Format, unrecognized.Count));
        }

        if (builder.Count == 0)
        {
            // After a damaged register line, "no data" would only repeat the problem.
            if (!diagnostics.HasErrors)
            {
                diagnostics.Add(FormatDiagnostics.NoCpuidData(new SourceSpan(fileName, 1, 1), Format));
            }
        }
        else if (!builder.Contains(DataKey.Cpuid(0)))
        {
            diagnostics.Add(FormatDiagnostics.NoLeafZero(new SourceSpan(fileName, 1, 1)));
        }

        return RawDataReadResult.Of(builder, diagnostics);
    }

    private static uint Hex(Match m, string group) => TextLines.TryParseHex(m.Groups[group].ValueSpan, out var v) ? v : 0;
}
