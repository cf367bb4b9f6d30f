using System.Collections.Immutable;
using System.Globalization;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Text;

namespace CpuCompat.Formats.Linux;

/// <summary>CPU data rebuilt from <c>/proc/cpuinfo</c> (null when there were errors), the flag report, and the problems found.</summary>
public sealed record CpuinfoReadResult(CpuData? Data, CpuinfoReport Report, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Notes);

/// <summary>
/// Reads the first processor block of Linux's <c>/proc/cpuinfo</c> into CPU data: <c>vendor_id</c> becomes the leaf-0
/// vendor string, <c>cpuid level</c> leaf 0 EAX, <c>cpu family</c>/<c>model</c>/<c>stepping</c> the leaf-1 signature
/// (encoded into leaf 1 EAX as libvirt encodes QEMU's: families above 15 go to the extended family), and every <c>flags</c> entry that names a feature sets that feature's
/// bits (<see cref="CpuinfoFlagMapper"/>). The result is an approximation of the CPUID data: Linux hides some bits,
/// adds flags of its own and shows no MSR values, and the report says which.
/// </summary>
public static class CpuinfoReader
{
    private sealed record Field(string Value, int Line, int ValueColumn);

    public static CpuinfoReadResult Read(string text, string fileName, ArchDatabase x86)
    {
        var diagnostics = new DiagnosticBag();
        var fields = FirstBlock(text);
        if (!fields.ContainsKey("vendor_id") && !fields.ContainsKey("flags"))
        {
            diagnostics.Add(FormatDiagnostics.NoProcessorBlock(new SourceSpan(fileName, 1, 1)));
            return new CpuinfoReadResult(null, CpuinfoReport.Empty, diagnostics.ToImmutable(), []);
        }

        SourceSpan At(Field f) => new(fileName, f.Line, f.ValueColumn);
        var slots = new List<DataSlot>();
        var vendor = Vendor(fields, x86, fileName, diagnostics);
        if (vendor is not null)
        {
            var maxLeaf = fields.TryGetValue("cpuid level", out var level) ? Number(level, "cpuid level", At(level), diagnostics) : null;
            slots.Add(new DataSlot(DataKey.Cpuid(0), CpuidVendor.Encode(vendor) with { Eax = maxLeaf ?? 0 }));
        }

        var family = Signature(fields, fileName, diagnostics, slots);
        var flagField = fields.GetValueOrDefault("flags");
        if (flagField is null)
        {
            diagnostics.Add(FormatDiagnostics.MissingCpuinfoField(new SourceSpan(fileName, 1, 1), "flags", "no feature can be read"));
        }

        var names = flagField?.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var (featureSlots, flags) = CpuinfoFlagMapper.Map(names, vendor, family, x86);
        slots.AddRange(featureSlots);
        foreach (var flag in flags.Where(f => f.Kind != CpuinfoFlagKind.Exact))
        {
            var at = new SourceSpan(fileName, flagField!.Line, flagField.ValueColumn + ColumnOf(flagField.Value, flag.Flag));
            diagnostics.Add(flag.Kind == CpuinfoFlagKind.Derived
                ? FormatDiagnostics.DerivedFlag(at, flag.Flag, flag.Feature!, flag.Reason)
                : FormatDiagnostics.UnmappedFlag(at, flag.Flag, flag.Reason));
        }

        var data = CpuData.From(slots);
        var hidden = HiddenFeatures(x86, data);
        diagnostics.Add(FormatDiagnostics.HiddenBits(new SourceSpan(fileName, flagField?.Line ?? 1, 1), string.Join(", ", hidden.Take(8)) + ", …"));
        var bugs = fields.TryGetValue("bugs", out var bugField) ? bugField.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        if (bugField is not null)
        {
            diagnostics.Add(FormatDiagnostics.IgnoredCpuinfoLine(At(bugField), "bugs", "it lists the vulnerabilities the kernel found, not CPUID bits"));
        }

        if (fields.TryGetValue("vmx flags", out var vmx))
        {
            diagnostics.Add(FormatDiagnostics.IgnoredCpuinfoLine(At(vmx), "vmx flags", "VMX capabilities come from MSRs whose values cpuinfo does not show"));
        }

        var report = new CpuinfoReport([.. flags], [.. hidden], [.. bugs]);
        return new CpuinfoReadResult(diagnostics.HasErrors ? null : data, report, diagnostics.ToImmutable(), Notes(report));
    }

    /// <summary>The fields of the first processor block: up to the first blank line or the second <c>processor</c> line.</summary>
    private static Dictionary<string, Field> FirstBlock(string text)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var line in TextLines.Split(text))
        {
            var colon = line.Content.IndexOf(':', StringComparison.Ordinal);
            if (line.Content.Trim().Length == 0 || colon < 0)
            {
                if (fields.Count > 0 && line.Content.Trim().Length == 0)
                {
                    break;
                }

                continue;
            }

            var key = line.Content[..colon].Trim();
            if (key == "processor" && fields.ContainsKey("processor"))
            {
                break;
            }

            // Linux prints "key\t: value"; the value keeps its own spaces (vendor strings such as "  Shanghai  " have them).
            var start = colon + 1 < line.Content.Length && line.Content[colon + 1] == ' ' ? colon + 2 : colon + 1;
            fields.TryAdd(key, new Field(line.Content[start..], line.Number, start + 1));
        }

        return fields;
    }

    private static string? Vendor(Dictionary<string, Field> fields, ArchDatabase x86, string fileName, DiagnosticBag diagnostics)
    {
        if (!fields.TryGetValue("vendor_id", out var field))
        {
            diagnostics.Add(FormatDiagnostics.MissingCpuinfoField(new SourceSpan(fileName, 1, 1), "vendor_id", "the CPU vendor is unknown"));
            return null;
        }

        if (field.Value.Length == 12)
        {
            return field.Value;
        }

        // Editors and copy-paste trim the padded vendor strings ("  Shanghai  "); the database knows the full ones.
        var trimmed = field.Value.Trim();
        foreach (var v in x86.Vendors)
        {
            if (v.CpuidString is { Length: 12 } s && s.Trim() == trimmed)
            {
                return s;
            }
        }

        diagnostics.Add(FormatDiagnostics.UnknownVendorString(new SourceSpan(fileName, field.Line, field.ValueColumn), field.Value));
        return null;
    }

    /// <summary>Adds leaf 1 EAX from family, model and stepping; returns the family.</summary>
    private static uint? Signature(Dictionary<string, Field> fields, string fileName, DiagnosticBag diagnostics, List<DataSlot> slots)
    {
        uint? Read(string name, uint max)
        {
            if (!fields.TryGetValue(name, out var f))
            {
                return null;
            }

            // Linux prints "stepping : unknown" when it has none.
            if (f.Value.Trim() == "unknown")
            {
                return null;
            }

            var n = Number(f, name, new SourceSpan(fileName, f.Line, f.ValueColumn), diagnostics);
            if (n > max)
            {
                diagnostics.Add(FormatDiagnostics.InvalidCpuinfoNumber(new SourceSpan(fileName, f.Line, f.ValueColumn), name, f.Value));
                return null;
            }

            return n;
        }

        // The signature's fields: family up to 0xFF + 0xF (extended plus base), model up to 0xFF, stepping 4 bits.
        var family = Read("cpu family", 0x10E);
        var model = Read("model", 0xFF);
        var stepping = Read("stepping", 0xF);
        if (family is null)
        {
            // A family line with a bad value already has its error; the warning is for a family that is not there.
            if (fields.TryGetValue("cpu family", out var given) && given.Value.Trim() != "unknown")
            {
                return null;
            }

            diagnostics.Add(FormatDiagnostics.MissingCpuinfoField(new SourceSpan(fileName, 1, 1), "cpu family", "the CPU signature is unknown, so models cannot be matched by family and model"));
            return null;
        }

        slots.Add(new DataSlot(DataKey.Cpuid(1), new Registers(new CpuSignature(family.Value, model ?? 0, stepping ?? 0).ToEax(), 0, 0, 0)));
        return family;
    }

    private static uint? Number(Field field, string name, SourceSpan at, DiagnosticBag diagnostics)
    {
        if (uint.TryParse(field.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        diagnostics.Add(FormatDiagnostics.InvalidCpuinfoNumber(at, name, field.Value.Trim()));
        return null;
    }

    /// <summary>Database features cpuinfo cannot show and the data did not get anyway, then every MSR feature.</summary>
    private static List<string> HiddenFeatures(ArchDatabase x86, CpuData data)
    {
        var hidden = LinuxFlags.Hidden
            .Select(x86.FindFeature)
            .OfType<FeatureDefinition>()
            .Where(f => !f.Bits.All(b => data[b.Key].Contains(b.Registers)))
            .Select(f => f.Name)
            .ToList();
        hidden.AddRange(x86.Features.Where(f => f.IsMsr).Select(f => f.Name));
        return hidden;
    }

    private static ImmutableArray<string> Notes(CpuinfoReport report)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var unmapped = report.UnmappedFlags.Select(f => f.Flag).ToList();
        if (unmapped.Count > 0)
        {
            notes.Add($"{unmapped.Count} cpuinfo flags have no CPUID-exact meaning and were ignored: {string.Join(" ", unmapped)}.");
        }

        var derived = report.DerivedFlags.ToList();
        if (derived.Count > 0)
        {
            notes.Add("Read by inference from flags Linux synthesizes: " + string.Join(", ", derived.Select(f => $"{f.Flag} -> {f.Feature}")) + ".");
        }

        notes.Add("cpuinfo hides some CPUID bits (" + string.Join(", ", report.HiddenFeatures.Where(h => !h.Contains("vmx", StringComparison.Ordinal)).Take(12))
            + ", …) and every MSR value, so a decode of this data may differ from a decode of the real CPUID data (`cpuid -r`).");
        return notes.ToImmutable();
    }

    /// <summary>The 0-based position of a whole word in a space-separated list (0 when not found).</summary>
    private static int ColumnOf(string list, string word)
    {
        for (var at = list.IndexOf(word, StringComparison.Ordinal); at >= 0; at = list.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var startOk = at == 0 || char.IsWhiteSpace(list[at - 1]);
            var endOk = at + word.Length == list.Length || char.IsWhiteSpace(list[at + word.Length]);
            if (startOk && endOk)
            {
                return at;
            }
        }

        return 0;
    }
}
