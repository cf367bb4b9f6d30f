using System.Collections.Immutable;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Topology;

/// <summary>Builds a <see cref="TopologyReport"/>: probes the host, then checks the guest's request against it.</summary>
public static class TopologyReportBuilder
{
    public static TopologyReport Build(HostEnvironment env, GuestTopologyRequest? guest = null)
    {
        var notes = env.NewNotes();
        var host = HostTopologyProbe.Read(env, notes);
        var max = host.KvmMaxVcpus is { } limit ? Math.Min(limit, host.OnlineCpus) : host.OnlineCpus;
        if (host.IsKnown && !host.Uniform)
        {
            notes.Omitted("host topology", $"not uniform: {host.Sockets} × {host.DiesPerSocket} × {host.ClustersPerDie} × {host.CoresPerCluster} × {host.ThreadsPerCore} = {host.Product}, but {host.OnlineCpus} CPUs are online (hybrid cores or offline CPUs); the counts are the largest seen", HostCodes.NotApplicable);
        }

        return new TopologyReport(host, max, guest is null ? null : Check(host, guest), notes.ToImmutable());
    }

    /// <summary>The guest fits when its vCPUs, threads per core and (when known) KVM's limit are within the host's.</summary>
    public static GuestTopologyCheck Check(HostTopology host, GuestTopologyRequest guest)
    {
        var findings = ImmutableArray.CreateBuilder<TopologyFinding>();
        var total = guest.TotalVcpus;
        var t = guest.Topology;

        if (t is not null && guest.Vcpus is { } vcpus && (long)t.LogicalCpus != vcpus)
        {
            findings.Add(new(FindingSeverity.Warning,
                $"the topology gives {t.Sockets} × {t.Dies} × {t.Clusters} × {t.Cores} × {t.Threads} = {t.LogicalCpus} vCPUs but <vcpu> is {vcpus}; libvirt refuses a domain whose topology does not match its maximum vCPU count"));
        }

        if (!host.IsKnown)
        {
            findings.Add(new(FindingSeverity.Warning, "the host topology is unknown, so the guest cannot be checked against it"));
            return new GuestTopologyCheck(guest, false, findings.ToImmutable());
        }

        if (total > host.OnlineCpus)
        {
            findings.Add(new(FindingSeverity.Error,
                $"{total} vCPUs need more than the host's {host.OnlineCpus} online logical CPUs: the guest would overcommit"));
        }
        else
        {
            findings.Add(new(FindingSeverity.Info, $"{total} vCPUs fit in the host's {host.OnlineCpus} online logical CPUs"));
        }

        if (host.KvmMaxVcpus is { } kvmMax && total > kvmMax)
        {
            findings.Add(new(FindingSeverity.Error, $"{total} vCPUs exceed KVM's limit of {kvmMax} per guest"));
        }

        if (t is not null)
        {
            if (t.Threads > host.ThreadsPerCore)
            {
                findings.Add(new(FindingSeverity.Error,
                    $"{t.Threads} threads per core, but host cores have {host.ThreadsPerCore}: guest SMT siblings cannot be pinned to real siblings"));
            }

            var guestSocket = (long)t.Dies * t.Clusters * t.Cores * t.Threads;
            var hostSocket = (long)host.DiesPerSocket * host.ClustersPerDie * host.CoresPerCluster * host.ThreadsPerCore;
            if (guestSocket > hostSocket)
            {
                findings.Add(new(FindingSeverity.Warning,
                    $"a guest socket has {guestSocket} vCPUs, a host socket {hostSocket} logical CPUs: guest sockets would span host sockets"));
            }

            if (t.Sockets > host.Sockets)
            {
                findings.Add(new(FindingSeverity.Info, $"{t.Sockets} guest sockets on {host.Sockets} host sockets: guest sockets do not map to host sockets"));
            }
        }

        var fits = findings.All(f => f.Severity != FindingSeverity.Error);
        return new GuestTopologyCheck(guest, fits, findings.ToImmutable());
    }
}
