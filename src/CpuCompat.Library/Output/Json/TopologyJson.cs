using CpuCompat.Host.Machine;
using CpuCompat.Host.Topology;

namespace CpuCompat.Output.Json;

/// <summary>The topology report as JSON (schema <c>topology</c>).</summary>
public static class TopologyJson
{
    public const int SchemaVersion = 1;

    public static string Format(TopologyReport report) => JsonText.Document(SchemaVersion, w =>
    {
        var h = report.Host;
        w.WriteStartObject("host");
        w.WriteNumber("sockets", h.Sockets);
        w.WriteNumber("dies_per_socket", h.DiesPerSocket);
        w.WriteNumber("clusters_per_die", h.ClustersPerDie);
        w.WriteNumber("cores_per_cluster", h.CoresPerCluster);
        w.WriteNumber("threads_per_core", h.ThreadsPerCore);
        w.WriteNumber("logical_cpus", h.LogicalCpus);
        w.WriteNumber("online_cpus", h.OnlineCpus);
        w.WriteString("online_cpu_list", h.Online.ToString());
        w.WriteBoolean("uniform", h.Uniform);
        w.WriteNumber("numa_nodes", h.NumaNodes);
        w.WriteNumberOrNull("kvm_max_vcpus", (ulong?)h.KvmMaxVcpus);

        w.WriteEndObject();
        w.WriteNumber("max_vcpus_without_overcommit", report.MaxVcpusWithoutOvercommit);
        if (report.Guest is { } guest)
        {
            w.WriteStartObject("guest");
            w.WriteString("source", guest.Request.Source);
            CpuJson.WriteTopology(w, guest.Request.Topology);
            w.WriteNumberOrNull("vcpus", (ulong?)guest.Request.Vcpus);

            w.WriteNumber("total_vcpus", guest.Request.TotalVcpus);
            w.WriteBoolean("fits", guest.Fits);
            w.WriteStartArray("findings");
            foreach (var finding in guest.Findings)
            {
                w.WriteStartObject();
                w.WriteString("severity", finding.SeverityName);
                w.WriteString("message", finding.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("guest");
        }

        JsonText.Notes(w, report.Notes);
    });
}
