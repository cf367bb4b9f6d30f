using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Queries;

namespace CpuCompat.Output.Json;

/// <summary><c>cpucompat feature NAME --json</c> (schema <c>feature</c>).</summary>
public static class FeatureJson
{
    public const int SchemaVersion = 1;

    private static readonly string[] RegisterNames = ["eax", "ebx", "ecx", "edx"];

    public static string Format(FeatureReport report) => JsonText.Document(SchemaVersion, w =>
    {
        w.WriteString("name", report.Name);
        w.WriteString("kind", report.IsHypervisorFeature ? "hypervisor" : "map");
        w.WriteString("arch", report.Arch is { } arch ? ArchNames.DslName(arch.Family) : "x86_64");
        w.WriteStartArray("aliases");
        foreach (var a in report.Feature?.Aliases ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteStringOrNull("source", a.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteLocations(w, report.Bits);
        w.WriteBoolean("migratable", report.Feature?.Migratable ?? true);
        w.WriteBoolean("security_relevant", report.Feature?.Tags.Contains("security") ?? false);
        w.WriteStrings("tags", report.Feature?.Tags ?? []);
        w.WriteStrings("models", report.Models);
        w.WriteStrings("removed_in", report.RemovedIn);
        w.WriteStrings("requires", report.Requires);
        w.WriteStrings("required_by", report.RequiredBy);
    });

    /// <summary>Every register bit of the feature: CPUID leaf/sub-leaf/register, or MSR index with bits 0-63 over the whole value.</summary>
    private static void WriteLocations(Utf8JsonWriter w, IEnumerable<DataSlot> bits)
    {
        w.WriteStartArray("locations");
        foreach (var slot in bits)
        {
            for (var r = 0; r < 4; r++)
            {
                var mask = slot.Registers[r];
                if (mask == 0)
                {
                    continue;
                }

                w.WriteStartObject();
                var msr = slot.Key.Kind == DataKind.Msr;
                w.WriteString("kind", msr ? "msr" : "cpuid");
                w.WriteString(msr ? "index" : "leaf", $"0x{slot.Key.Leaf:x}");
                if (!msr)
                {
                    w.WriteString("subleaf", $"0x{slot.Key.Subleaf:x}");
                }

                w.WriteString("register", RegisterNames[r]);
                w.WriteStartArray("bits");
                for (var b = 0; b < 32; b++)
                {
                    if ((mask & (1u << b)) != 0)
                    {
                        w.WriteNumberValue(msr && r == 3 ? b + 32 : b);
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    }
}
