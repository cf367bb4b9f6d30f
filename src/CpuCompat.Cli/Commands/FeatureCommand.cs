using System.CommandLine;
using System.Text;
using System.Text.Json;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Cli.Output;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;

using CpuCompat.Host;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat feature NAME [--json]</c>: one feature under every name it goes by, where it lives, and who has it.</summary>
internal static class FeatureCommand
{
    private static readonly string[] RegisterNames = ["eax", "ebx", "ecx", "edx"];

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "A feature name in any spelling: libvirt's (sse4.2), QEMU's (sse4-2) or Linux's (sse4_2)." };
        var json = CliOptions.Json();
        var database = new DatabaseOptions();
        var command = new Command("feature", """
            Show a CPU feature under every name it goes by (libvirt/QEMU, Linux /proc/cpuinfo), its CPUID
            leaf/sub-leaf/register/bit or MSR bit, whether it is migratable or security-relevant, the models that
            include it, and the features it depends on.

            Example:
              cpucompat feature sse4_2
            """)
        {
            name, json,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryLoad(parse, context, out var db))
            {
                return ExitCodes.BadInput;
            }

            var wanted = parse.GetValue(name)!;
            foreach (var arch in db.Architectures)
            {
                if (arch.FindFeatureOrAlias(wanted) is { } feature)
                {
                    context.Write(parse.GetValue(json) ? Json(arch, feature) : Text(arch, feature));
                    return ExitCodes.Success;
                }
            }

            if (new CpuEngine(db).X86?.FindHypervisorFeature(wanted) is { } hv)
            {
                context.Write(parse.GetValue(json)
                    ? JsonText.Write(w => { w.WriteStartObject(); w.WriteString("name", wanted); w.WriteString("kind", "hypervisor"); WriteLocations(w, [hv]); w.WriteEndObject(); })
                    : $"{wanted}: a KVM/Hyper-V feature libvirt's x86 driver knows by name; it is in no CPU model and cannot be used in CPU definitions.\n  location:    {string.Join("; ", Locations([hv]))}\n");
                return ExitCodes.Success;
            }

            var names = db.Architectures.SelectMany(a => a.Features.SelectMany(f => f.Aliases.Select(x => x.Name).Prepend(f.Name)));
            return context.Fail($"unknown CPU feature '{wanted}'{NameSuggester.Hint(wanted, names)}");
        });
        return command;
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
                    yield return $"{leaf} {RegisterNames[r].ToUpperInvariant()} bit {string.Join(",", positions)}";
                }
            }
        }
    }

    private static string Text(ArchDatabase db, FeatureDefinition f)
    {
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

        var models = db.Models.Where(m => m.Features.Contains(f.Id)).Select(m => m.Name).ToList();
        Field("models", models.Count == 0 ? "none" : $"{models.Count} of {db.Models.Length}:\n{new string(' ', 16)}{TextWrap.Join(models, 16)}");
        var removed = db.Models.Where(m => m.Removed.Contains(f.Id)).Select(m => m.Name).ToList();
        if (removed.Count > 0)
        {
            Field("removed in", $"{string.Join(", ", removed)} (guests of these models get it disabled)");
        }

        var requires = db.Dependencies.Where(d => d.FeatureId == f.Id).SelectMany(d => db.NamesOf(d.Requires)).Distinct().ToList();
        if (requires.Count > 0)
        {
            Field("requires", string.Join(", ", requires));
        }

        var requiredBy = db.Dependencies.Where(d => d.Requires.Contains(f.Id)).Select(d => db.Features[d.FeatureId].Name).Distinct().ToList();
        if (requiredBy.Count > 0)
        {
            Field("required by", string.Join(", ", requiredBy));
        }

        return text.ToString();
    }

    private static string Json(ArchDatabase db, FeatureDefinition f) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("kind", "map");
        w.WriteString("arch", ArchNames.DslName(db.Family));
        w.WriteStartArray("aliases");
        foreach (var a in f.Aliases)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteStringOrNull("source", a.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteLocations(w, f.Bits);
        w.WriteBoolean("migratable", f.Migratable);
        w.WriteBoolean("security_relevant", f.Tags.Contains("security"));
        w.WriteStrings("tags", f.Tags);
        w.WriteStrings("models", db.Models.Where(m => m.Features.Contains(f.Id)).Select(m => m.Name));
        w.WriteStrings("removed_in", db.Models.Where(m => m.Removed.Contains(f.Id)).Select(m => m.Name));
        w.WriteStrings("requires", db.Dependencies.Where(d => d.FeatureId == f.Id).SelectMany(d => db.NamesOf(d.Requires)).Distinct());
        w.WriteStrings("required_by", db.Dependencies.Where(d => d.Requires.Contains(f.Id)).Select(d => db.Features[d.FeatureId].Name).Distinct());
        w.WriteEndObject();
    });

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
