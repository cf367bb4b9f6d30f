using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Libvirt.CpuMap;

/// <summary>
/// Writes a <see cref="CpuDatabase"/> as a libvirt cpu_map directory that <see cref="CpuMapLoader"/> reads back into an
/// equal database (<see cref="DatabaseComparer"/>): <c>index.xml</c>, then per architecture a vendors file, a features
/// file and one file per model, in map order. 11.x maps put their model includes in a <c>&lt;group name='models'&gt;</c>,
/// which is also how the reader recognises the generation. Rules, dependencies and pools have no cpu_map form and are
/// left out with a warning; so is anything else that cannot be expressed exactly.
/// </summary>
public sealed partial class CpuMapWriter
{
    private const string ModelsGroup = "models";

    private readonly CpuDatabase _database;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly List<CpuMapFile> _files = [];
    private readonly HashSet<string> _usedNames = new(StringComparer.OrdinalIgnoreCase) { CpuMapReader.IndexFile };

    private CpuMapWriter(CpuDatabase database) => _database = database;

    private bool Is11 => _database.Generation >= LibvirtGeneration.Libvirt11;

    /// <summary>The files of the map, in memory.</summary>
    public static CpuMapWriteResult Render(CpuDatabase database)
    {
        var writer = new CpuMapWriter(database);
        var index = writer.RenderAll();
        return new CpuMapWriteResult([new CpuMapFile(CpuMapReader.IndexFile, index), .. writer._files], writer._diagnostics.ToImmutable());
    }

    /// <summary>Writes the map into <paramref name="directory"/> (created if needed); I/O failures become diagnostics.</summary>
    public static CpuMapWriteResult Write(CpuDatabase database, string directory)
    {
        var rendered = Render(database);
        var diagnostics = rendered.Diagnostics.ToBuilder();
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var file in rendered.Files)
            {
                File.WriteAllText(Path.Combine(directory, file.Name), file.Content);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(LibvirtDiagnostics.FileNotWritable(SourceSpan.None(directory), directory, e.Message));
        }

        return rendered with { Diagnostics = diagnostics.ToImmutable() };
    }

    private string RenderAll()
    {
        var index = new StringBuilder("<cpus>\n");
        var architectures = _database.Architectures.ToList();
        foreach (var arch in architectures)
        {
            RenderArch(arch, index);
        }

        // An 11.x database without any architecture still needs a group, or it would read back as 9.x.
        if (architectures.Count == 0 && Is11)
        {
            index.Append("  <arch name='x86'>\n    <group name='").Append(ModelsGroup).Append("'/>\n  </arch>\n");
        }

        return index.Append("</cpus>\n").ToString();
    }

    private void RenderArch(ArchDatabase arch, StringBuilder index)
    {
        var prefix = ArchNames.MapName(arch.Family);
        index.Append("  <arch name='").Append(prefix).Append("'>\n");
        if (!arch.Vendors.IsEmpty)
        {
            Include(index, AddFile($"{prefix}_vendors", RenderVendors(arch)), "    ");
        }

        if (!arch.Features.IsEmpty)
        {
            Include(index, AddFile($"{prefix}_features", RenderFeatures(arch)), "    ");
        }

        var indent = "    ";
        if (Is11)
        {
            index.Append("    <group name='").Append(ModelsGroup).Append("'>\n");
            indent = "      ";
        }

        foreach (var model in arch.Models)
        {
            Include(index, AddFile($"{prefix}_{model.Name}", RenderModel(arch, model)), indent);
        }

        if (Is11)
        {
            index.Append("    </group>\n");
        }

        index.Append("  </arch>\n");
        ReportPolicies(arch);
    }

    private static void Include(StringBuilder index, string fileName, string indent) =>
        index.Append(indent).Append("<include filename='").Append(XmlEscape.Escape(fileName)).Append("'/>\n");

    /// <summary>Adds a file under a safe, unique name derived from <paramref name="stem"/>; returns the name.</summary>
    private string AddFile(string stem, string content)
    {
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-' ? c : '_')]);
        var name = safe + ".xml";
        for (var n = 2; !_usedNames.Add(name); n++)
        {
            name = $"{safe}~{n}.xml";
        }

        _files.Add(new CpuMapFile(name, content));
        return name;
    }

    private void ReportPolicies(ArchDatabase arch)
    {
        var span = SourceSpan.None(_database.Source);
        if (!arch.Rules.IsEmpty)
        {
            _diagnostics.Add(LibvirtDiagnostics.PolicyNotWritten(span, arch.Rules.Length, $"{ArchNames.MapName(arch.Family)} rule(s)"));
        }

        if (!arch.Dependencies.IsEmpty)
        {
            _diagnostics.Add(LibvirtDiagnostics.PolicyNotWritten(span, arch.Dependencies.Length, $"{ArchNames.MapName(arch.Family)} feature dependenc(ies)"));
        }

        if (!arch.Pools.IsEmpty)
        {
            _diagnostics.Add(LibvirtDiagnostics.PolicyNotWritten(span, arch.Pools.Length, $"{ArchNames.MapName(arch.Family)} pool(s)"));
        }
    }

    private static string RenderVendors(ArchDatabase arch)
    {
        var sb = new StringBuilder("<cpus>\n");
        foreach (var vendor in arch.Vendors)
        {
            sb.Append("  <vendor name='").Append(XmlEscape.Escape(vendor.Name)).Append('\'');
            if (arch.Family == ArchFamily.X86 && vendor.CpuidString is { } s)
            {
                sb.Append(" string='").Append(XmlEscape.Escape(s)).Append('\'');
            }
            else if (arch.Family == ArchFamily.Arm && vendor.Value is { } value)
            {
                sb.Append(" value='").Append(Hex(value, 0)).Append('\'');
            }

            sb.Append("/>\n");
        }

        return sb.Append("</cpus>\n").ToString();
    }

    private static string RenderFeatures(ArchDatabase arch)
    {
        var sb = new StringBuilder("<cpus>\n");
        foreach (var feature in arch.Features)
        {
            sb.Append("  <feature name='").Append(XmlEscape.Escape(feature.Name)).Append('\'');
            if (!feature.Migratable)
            {
                sb.Append(" migratable='no'");
            }

            if (feature.Aliases.IsEmpty && feature.Bits.IsEmpty)
            {
                sb.Append("/>\n");
                continue;
            }

            sb.Append(">\n");
            foreach (var alias in feature.Aliases)
            {
                sb.Append("    <alias name='").Append(XmlEscape.Escape(alias.Name)).Append('\'');
                if (alias.Source is { } source)
                {
                    sb.Append(" source='").Append(XmlEscape.Escape(source)).Append('\'');
                }

                sb.Append("/>\n");
            }

            foreach (var slot in feature.Bits)
            {
                sb.Append("    ").Append(RenderItem(slot)).Append('\n');
            }

            sb.Append("  </feature>\n");
        }

        return sb.Append("</cpus>\n").ToString();
    }

    /// <summary>A data item in the map's style: only the registers that have bits.</summary>
    private static string RenderItem(DataSlot slot)
    {
        var r = slot.Registers;
        if (slot.Key.Kind == DataKind.Msr)
        {
            return $"<msr index='{Hex(slot.Key.Leaf, 8)}' edx='{Hex(r.Edx, 8)}' eax='{Hex(r.Eax, 8)}'/>";
        }

        var sb = new StringBuilder("<cpuid eax_in='").Append(Hex(slot.Key.Leaf, 8)).Append('\'');
        if (slot.Key.Subleaf != 0)
        {
            sb.Append(" ecx_in='").Append(Hex(slot.Key.Subleaf, 8)).Append('\'');
        }

        string[] names = ["eax", "ebx", "ecx", "edx"];
        for (var i = 0; i < 4; i++)
        {
            if (r[i] != 0)
            {
                sb.Append(' ').Append(names[i]).Append("='").Append(Hex(r[i], 8)).Append('\'');
            }
        }

        return sb.Append("/>").ToString();
    }

    internal static string Hex(uint value, int digits) => "0x" + value.ToString(digits > 0 ? "x" + digits.ToString(CultureInfo.InvariantCulture) : "x", CultureInfo.InvariantCulture);
}
