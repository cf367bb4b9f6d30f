using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Output.Json;

/// <summary>
/// The capabilities as JSON (schema <c>capabilities</c>), section for section like the XML: snake_case names, numbers
/// as numbers, absent values as <c>null</c>, and the notes on what could not be probed. The host CPU has the one CPU
/// definition shape of <see cref="CpuJson"/>.
/// </summary>
/// <remarks>Version 2: <c>host.cpu</c> became a CPU definition; its arch, host flags and page sizes moved to <c>host</c>.</remarks>
public static class CapabilitiesJson
{
    public const int SchemaVersion = 2;

    public static string Format(CapabilitiesDocument document) => JsonText.Document(SchemaVersion, w =>
    {
        w.WriteString("driver", document.Driver.Name());
        w.WriteString("libvirt_format", document.Generation.ReferenceVersion());
        WriteHost(w, document.Host);
        w.WriteStartArray("guests");
        foreach (var guest in document.Guests)
        {
            WriteGuest(w, guest);
        }

        w.WriteEndArray();
        JsonText.Notes(w, document.Notes);
    });

    private static void WriteHost(Utf8JsonWriter w, HostSection host)
    {
        w.WriteStartObject("host");
        w.WriteStringOrNull("uuid", host.Uuid);
        WriteCpu(w, host);
        JsonText.StringArray(w, "power_management", host.PowerManagement);
        w.WriteBoolean("iommu", host.Iommu);
        if (host.Migration is { } migration)
        {
            w.WriteStartObject("migration");
            w.WriteBoolean("live", migration.Live);
            JsonText.StringArray(w, "uri_transports", migration.UriTransports);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("migration");
        }

        w.WriteStringOrNull("netprefix", host.NetPrefix);
        WriteNuma(w, host.Numa);
        w.WriteStartArray("cache");
        foreach (var bank in host.Caches)
        {
            w.WriteStartObject();
            w.WriteNumber("id", bank.Id);
            w.WriteNumber("level", bank.Level);
            w.WriteString("type", bank.Type);
            w.WriteNumber("size_bytes", bank.SizeBytes);
            w.WriteString("cpus", bank.Cpus.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("secmodels");
        foreach (var model in host.SecurityModels)
        {
            w.WriteStartObject();
            w.WriteString("model", model.Model);
            w.WriteString("doi", model.Doi);
            w.WriteStartObject("baselabels");
            foreach (var label in model.BaseLabels)
            {
                w.WriteString(label.VirtType, label.Label);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCpu(Utf8JsonWriter w, HostSection host)
    {
        w.WriteString("arch", host.Arch);
        JsonText.StringArray(w, "host_features", host.CpuFlags);
        w.WriteStartArray("pages_kib");
        foreach (var size in host.PageSizesKiB)
        {
            w.WriteNumberValue(size);
        }

        w.WriteEndArray();
        CpuJson.WriteCpuOrNull(w, "cpu", host.Cpu);
    }

    private static void WriteNuma(Utf8JsonWriter w, NumaTopology? numa)
    {
        w.WriteStartObject("numa");
        w.WriteBoolean("faked", numa?.Faked ?? true);
        w.WriteStartArray("cells");
        foreach (var cell in numa?.Cells ?? [])
        {
            w.WriteStartObject();
            w.WriteNumber("id", cell.Id);
            w.WriteNumber("memory_kib", cell.MemoryKiB);
            w.WriteStartArray("pages");
            foreach (var pages in cell.Pages)
            {
                w.WriteStartObject();
                w.WriteNumber("size_kib", pages.SizeKiB);
                w.WriteNumber("count", pages.Count);
                w.WriteNumberOrNull("free", pages.Free);

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("distances");
            foreach (var d in cell.Distances)
            {
                w.WriteNumber(d.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Value);
            }

            w.WriteEndObject();
            w.WriteStartArray("cpus");
            foreach (var cpu in cell.Cpus)
            {
                w.WriteStartObject();
                w.WriteNumber("id", cpu.Id);
                w.WriteNumber("socket_id", cpu.SocketId);
                w.WriteNumber("die_id", cpu.DieId);
                w.WriteNumber("cluster_id", cpu.ClusterId);
                w.WriteNumber("core_id", cpu.CoreId);
                w.WriteString("siblings", cpu.Siblings.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteGuest(Utf8JsonWriter w, GuestSection guest)
    {
        w.WriteStartObject();
        w.WriteString("os_type", guest.OsType);
        w.WriteString("arch", guest.Arch);
        w.WriteNumber("wordsize", guest.WordSize);
        w.WriteStringOrNull("emulator", guest.Emulator);
        w.WriteStringOrNull("loader", guest.Loader);
        w.WriteStartArray("machines");
        foreach (var machine in guest.Machines)
        {
            w.WriteStartObject();
            w.WriteString("name", machine.Name);
            w.WriteStringOrNull("canonical", machine.Canonical);
            w.WriteNumber("max_cpus", machine.MaxCpus);
            w.WriteBoolean("deprecated", machine.Deprecated);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        JsonText.StringArray(w, "domain_types", guest.DomainTypes);
        w.WriteStartArray("features");
        foreach (var feature in guest.Features)
        {
            w.WriteStartObject();
            w.WriteString("name", feature.Name);
            if (feature.DefaultOn is { } on)
            {
                w.WriteBoolean("default_on", on);
            }

            if (feature.Toggle is { } toggle)
            {
                w.WriteBoolean("toggle", toggle);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
