using System.Globalization;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Host.Capabilities;

/// <summary>
/// Formats a <see cref="CapabilitiesDocument"/> as libvirt's <c>virCapabilitiesFormatXML</c> does: two-space indents,
/// single quotes, an empty line after the opening tag and after each top-level section. The host CPU definition is
/// printed by <see cref="CpuXmlWriter"/> (libvirt's <c>virCPUDefFormatBuf</c>); the capabilities add the
/// <c>&lt;arch&gt;</c>, host flags and <c>&lt;pages&gt;</c> around it.
/// </summary>
public static class CapabilitiesXmlWriter
{
    public static string Format(CapabilitiesDocument document)
    {
        var w = new Writer();
        w.Line(0, "<capabilities>");
        w.Blank();
        FormatHost(w, document.Host, document.Generation);
        foreach (var guest in document.Guests)
        {
            FormatGuest(w, guest);
        }

        w.Line(0, "</capabilities>");
        return w.ToString();
    }

    private static void FormatHost(Writer w, HostSection host, LibvirtGeneration generation)
    {
        w.Line(1, "<host>");
        if (host.Uuid is { } uuid)
        {
            w.Line(2, $"<uuid>{Escape(uuid)}</uuid>");
        }

        w.Line(2, "<cpu>");
        w.Line(3, $"<arch>{Escape(host.Arch)}</arch>");
        if (!host.CpuFlags.IsEmpty)
        {
            w.Line(3, "<features>");
            foreach (var flag in host.CpuFlags)
            {
                w.Line(4, $"<{flag}/>");
            }

            w.Line(3, "</features>");
        }

        if (host.Cpu is { } cpu)
        {
            w.Embed(3, CpuXmlWriter.Format(cpu with { Arch = null }, generation));
        }

        foreach (var size in host.PageSizesKiB)
        {
            w.Line(3, $"<pages unit='KiB' size='{N(size)}'/>");
        }

        w.Line(2, "</cpu>");
        FormatList(w, 2, "power_management", host.PowerManagement.Select(t => $"<{t}/>"), selfCloseWhenEmpty: true);
        w.Line(2, $"<iommu support='{(host.Iommu ? "yes" : "no")}'/>");
        if (host.Migration is { } migration)
        {
            w.Line(2, "<migration_features>");
            if (migration.Live)
            {
                w.Line(3, "<live/>");
            }

            if (!migration.UriTransports.IsEmpty)
            {
                FormatList(w, 3, "uri_transports", migration.UriTransports.Select(t => $"<uri_transport>{Escape(t)}</uri_transport>"));
            }

            w.Line(2, "</migration_features>");
        }

        if (host.NetPrefix is { } prefix)
        {
            w.Line(2, $"<netprefix>{Escape(prefix)}</netprefix>");
        }

        if (host.Numa is { Cells.IsEmpty: false } numa)
        {
            FormatNuma(w, numa, generation);
        }

        if (!host.Caches.IsEmpty)
        {
            FormatList(w, 2, "cache", host.Caches.Select(b =>
            {
                var (size, unit) = b.PrettySize();
                return $"<bank id='{N(b.Id)}' level='{N(b.Level)}' type='{b.Type}' size='{N(size)}' unit='{unit}' cpus='{b.Cpus}'/>";
            }));
        }

        foreach (var model in host.SecurityModels)
        {
            w.Line(2, "<secmodel>");
            w.Line(3, $"<model>{Escape(model.Model)}</model>");
            w.Line(3, $"<doi>{Escape(model.Doi)}</doi>");
            foreach (var label in model.BaseLabels)
            {
                w.Line(3, $"<baselabel type='{Escape(label.VirtType)}'>{Escape(label.Label)}</baselabel>");
            }

            w.Line(2, "</secmodel>");
        }

        w.Line(1, "</host>");
        w.Blank();
    }

    private static void FormatNuma(Writer w, NumaTopology numa, LibvirtGeneration generation)
    {
        w.Line(2, "<topology>");
        w.Line(3, $"<cells num='{N(numa.Cells.Length)}'>");
        foreach (var cell in numa.Cells)
        {
            w.Line(4, $"<cell id='{N(cell.Id)}'>");
            if (cell.MemoryKiB != 0)
            {
                w.Line(5, $"<memory unit='KiB'>{N(cell.MemoryKiB)}</memory>");
            }

            foreach (var pages in cell.Pages)
            {
                w.Line(5, $"<pages unit='KiB' size='{N(pages.SizeKiB)}'>{N(pages.Count)}</pages>");
            }

            FormatList(w, 5, "distances", cell.Distances.Select(d => $"<sibling id='{N(d.NodeId)}' value='{N(d.Value)}'/>"));

            // libvirt 10.3 and later print the cluster id of every CPU (0 where the kernel knows none).
            var cluster = generation >= LibvirtGeneration.Libvirt11;
            var cpus = cell.Cpus.Select(c => cluster
                ? $"<cpu id='{N(c.Id)}' socket_id='{N(c.SocketId)}' die_id='{N(c.DieId)}' cluster_id='{N(c.ClusterId)}' core_id='{N(c.CoreId)}' siblings='{c.Siblings}'/>"
                : $"<cpu id='{N(c.Id)}' socket_id='{N(c.SocketId)}' die_id='{N(c.DieId)}' core_id='{N(c.CoreId)}' siblings='{c.Siblings}'/>").ToList();
            if (cpus.Count == 0)
            {
                w.Line(5, "<cpus num='0'/>");
            }
            else
            {
                w.Line(5, $"<cpus num='{N(cpus.Count)}'>");
                cpus.ForEach(c => w.Line(6, c));
                w.Line(5, "</cpus>");
            }

            w.Line(4, "</cell>");
        }

        w.Line(3, "</cells>");
        w.Line(2, "</topology>");
    }

    private static void FormatGuest(Writer w, GuestSection guest)
    {
        w.Line(1, "<guest>");
        w.Line(2, $"<os_type>{Escape(guest.OsType)}</os_type>");
        w.Line(2, $"<arch name='{Escape(guest.Arch)}'>");
        w.Line(3, $"<wordsize>{N(guest.WordSize)}</wordsize>");
        if (guest.Emulator is { } emulator)
        {
            w.Line(3, $"<emulator>{Escape(emulator)}</emulator>");
        }

        if (guest.Loader is { } loader)
        {
            w.Line(3, $"<loader>{Escape(loader)}</loader>");
        }

        foreach (var machine in guest.Machines)
        {
            var canonical = machine.Canonical is { } c ? $" canonical='{Escape(c)}'" : "";
            var maxCpus = machine.MaxCpus > 0 ? $" maxCpus='{N(machine.MaxCpus)}'" : "";
            var deprecated = machine.Deprecated ? " deprecated='yes'" : "";
            w.Line(3, $"<machine{canonical}{maxCpus}{deprecated}>{Escape(machine.Name)}</machine>");
        }

        foreach (var domain in guest.DomainTypes)
        {
            w.Line(3, $"<domain type='{Escape(domain)}'/>");
        }

        w.Line(2, "</arch>");
        FormatList(w, 2, "features", guest.Features.Select(f =>
        {
            var on = f.DefaultOn is { } d ? $" default='{(d ? "on" : "off")}'" : "";
            var toggle = f.Toggle is { } t ? $" toggle='{(t ? "yes" : "no")}'" : "";
            return $"<{f.Name}{on}{toggle}/>";
        }));
        w.Line(1, "</guest>");
        w.Blank();
    }

    /// <summary>An element with one child per line; when there are none, nothing (or the empty element if asked).</summary>
    private static void FormatList(Writer w, int depth, string name, IEnumerable<string> children, bool selfCloseWhenEmpty = false)
    {
        var list = children.ToList();
        if (list.Count == 0)
        {
            if (selfCloseWhenEmpty)
            {
                w.Line(depth, $"<{name}/>");
            }

            return;
        }

        w.Line(depth, $"<{name}>");
        list.ForEach(c => w.Line(depth + 1, c));
        w.Line(depth, $"</{name}>");
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();

        public void Line(int depth, string text) => _sb.Append(' ', depth * 2).Append(text).Append('\n');

        public void Blank() => _sb.Append('\n');

        /// <summary>Inserts the children of a formatted <c>&lt;cpu&gt;</c> element (its inner lines) at <paramref name="depth"/>.</summary>
        public void Embed(int depth, string element)
        {
            var lines = element.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < lines.Length - 1; i++)
            {
                // CpuXmlWriter indents children by two spaces below <cpu>.
                _sb.Append(' ', (depth - 1) * 2).Append(lines[i]).Append('\n');
            }
        }

        public override string ToString() => _sb.ToString();
    }
}
