using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Queries;

namespace CpuCompat.Output.Text;

/// <summary><c>cpucompat feature NAME</c>: one field a line, lists wrapped for a terminal.</summary>
public static class FeatureText
{
    private static readonly string[] RegisterNames = ["EAX", "EBX", "ECX", "EDX"];

    public static string Format(FeatureReport report)
    {
        if (report.Feature is not { } f || report.Arch is not { } db)
        {
            return $"{report.Name}: a KVM/Hyper-V feature libvirt's x86 driver knows by name; it is in no CPU model and cannot be used in CPU definitions.\n"
                + $"  location:    {string.Join("; ", Locations(report.Bits))}\n";
        }

        var text = new StringBuilder($"{f.Name} ({ArchNames.DslName(db.Family)})\n");
        void Field(string label, string value) => text.Append($"  {label + ":",-14}{value}\n");
        foreach (var group in f.Aliases.GroupBy(a => a.Source ?? "other"))
        {
            Field($"{group.Key} name", string.Join(", ", group.Select(a => a.Name)));
        }

        Field("location", f.Bits.IsEmpty ? "none (a name-only feature)" : string.Join("; ", Locations(f.Bits)));
        Field("migratable", f.Migratable ? "yes" : "no: guests with it cannot be live-migrated (--migratable leaves it out)");
        Field("security", f.Tags.Contains("security") ? "yes: a hardware-vulnerability control or \"not affected\" bit" : "no");
        if (!f.Tags.IsEmpty)
        {
            Field("tags", string.Join(", ", f.Tags));
        }

        Field("models", report.Models.IsEmpty ? "none" : $"{report.Models.Length} of {report.ModelCount}:\n{new string(' ', 16)}{TextWrap.Join(report.Models, 16)}");
        if (!report.RemovedIn.IsEmpty)
        {
            Field("removed in", $"{string.Join(", ", report.RemovedIn)} (guests of these models get it disabled)");
        }

        if (!report.Requires.IsEmpty)
        {
            Field("requires", string.Join(", ", report.Requires));
        }

        if (!report.RequiredBy.IsEmpty)
        {
            Field("required by", string.Join(", ", report.RequiredBy));
        }

        return text.ToString();
    }

    private static IEnumerable<string> Locations(IEnumerable<DataSlot> bits)
    {
        foreach (var slot in bits)
        {
            for (var r = 0; r < 4; r++)
            {
                var mask = slot.Registers[r];
                if (mask == 0)
                {
                    continue;
                }

                var positions = Enumerable.Range(0, 32).Where(b => (mask & (1u << b)) != 0).ToList();
                if (slot.Key.Kind == DataKind.Msr)
                {
                    var offset = r == 3 ? 32 : 0;
                    yield return $"MSR 0x{slot.Key.Leaf:x} bit {string.Join(",", positions.Select(b => b + offset))}";
                }
                else
                {
                    var leaf = slot.Key.Subleaf == 0 ? $"CPUID leaf 0x{slot.Key.Leaf:x}" : $"CPUID leaf 0x{slot.Key.Leaf:x} sub-leaf {slot.Key.Subleaf}";
                    yield return $"{leaf} {RegisterNames[r]} bit {string.Join(",", positions)}";
                }
            }
        }
    }
}
