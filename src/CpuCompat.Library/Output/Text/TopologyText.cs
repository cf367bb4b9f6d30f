using System.Globalization;
using System.Text;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Topology;

namespace CpuCompat.Output.Text;

/// <summary>The topology report as an aligned human table (notes are not included: the CLI prints them on stderr).</summary>
public static class TopologyText
{
    public static string Format(TopologyReport report)
    {
        var sb = new StringBuilder();
        var h = report.Host;
        sb.Append("Host topology\n");
        Row(sb, "sockets", N(h.Sockets));
        Row(sb, "dies per socket", N(h.DiesPerSocket));
        Row(sb, "clusters per die", N(h.ClustersPerDie));
        Row(sb, "cores per cluster", N(h.CoresPerCluster));
        Row(sb, "threads per core", N(h.ThreadsPerCore));
        Row(sb, "logical CPUs", $"{N(h.LogicalCpus)} present ({N(h.Sockets)} × {N(h.DiesPerSocket)} × {N(h.ClustersPerDie)} × {N(h.CoresPerCluster)} × {N(h.ThreadsPerCore)} = {h.Product.ToString(CultureInfo.InvariantCulture)})");
        Row(sb, "online CPUs", h.OnlineCpus == 0 ? "0" : $"{N(h.OnlineCpus)} ({h.Online})");
        Row(sb, "NUMA nodes", N(h.NumaNodes));
        Row(sb, "KVM vCPU limit", h.KvmMaxVcpus is { } k ? N(k) : "unknown");
        Row(sb, "max vCPUs without overcommit", N(report.MaxVcpusWithoutOvercommit));

        if (report.Guest is { } guest)
        {
            var r = guest.Request;
            sb.Append('\n').Append("Guest ").Append(r.Source).Append('\n');
            Row(sb, "topology", r.Topology is { } t
                ? $"{t.Sockets} × {t.Dies} × {t.Clusters} × {t.Cores} × {t.Threads} = {t.LogicalCpus} (sockets × dies × clusters × cores × threads)"
                : "none (one socket per vCPU)");
            Row(sb, "vCPUs", r.Vcpus is { } v ? N(v) : $"{r.TotalVcpus.ToString(CultureInfo.InvariantCulture)} (from the topology)");
            Row(sb, "fits", guest.Fits ? "yes" : "no");
            foreach (var finding in guest.Findings)
            {
                sb.Append("  ").Append(finding.SeverityName).Append(": ").Append(finding.Message).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, string value) =>
        sb.Append("  ").Append(name.PadRight(30)).Append(value).Append('\n');

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
