using System.CommandLine;
using CpuCompat.Core;
using CpuCompat.Fleets;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// What every command about a fleet takes: policy files, <c>--fleet</c> (a JSON Lines file, a Kubernetes node list, OpenStack hypervisor records,
/// a directory of one file per host, or <c>-</c>), <c>--by LABEL</c>, <c>--labels CSV</c>, <c>--keep-going</c> and the
/// database options. Reads the fleet once, with a progress line on a terminal, and reports every host that could not
/// be read: by default that fails the command (exit 2, nothing written); with <c>--keep-going</c> they are left out.
/// </summary>
internal sealed class FleetOptions
{
    public Argument<string[]> Policies { get; } = new("POLICY")
    {
        Description = "Policy files (.ccl) with the pools (which hosts, which policy) and checks; compiled onto the database in use. Without them the whole fleet is one pool, or one per --by value.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string> Fleet { get; } = new(CliConstants.Fleet)
    {
        Description = "The fleet: JSON Lines ({\"host\": NAME, \"cpu\": TEXT, \"labels\": {...}} a line), a Kubernetes node list labelled by KubeVirt (kubectl get nodes -o json), OpenStack hypervisor records (openstack hypervisor show -f json, os-hypervisors/detail), or a directory with one CPU file per host; - reads standard input.",
        HelpName = "FLEET",
        Required = true,
    };

    public Option<string?> By { get; } = new(CliConstants.By)
    {
        Description = "One pool per value of this host label (with policy files: each pool split by it).",
        HelpName = "LABEL",
    };

    public Option<string?> Labels { get; } = new(CliConstants.Labels)
    {
        Description = "The labels of a directory fleet: a CSV with a 'host' column (default: DIR/labels.csv).",
        HelpName = "CSV",
    };

    public Option<bool> KeepGoing { get; } = new(CliConstants.KeepGoing)
    {
        Description = "Leave out the hosts that cannot be read (listed on stderr) instead of failing.",
    };

    public Option<bool> CrossVendor { get; } = new(CliConstants.CrossVendor)
    {
        Description = "Give a pool of Intel and AMD hosts a vendor-free guest CPU (a vendor-neutral model with the features all members share) instead of libvirt's refusal; pools of one vendor keep libvirt's baseline.",
    };

    public DatabaseOptions Database { get; } = new();

    /// <summary>Adds the options; <paramref name="crossVendor"/> false for a command whose pools never mix vendors (suggest splits by vendor).</summary>
    public void AddTo(Command command, bool crossVendor = true)
    {
        command.Arguments.Add(Policies);
        command.Options.Add(Fleet);
        command.Options.Add(By);
        command.Options.Add(Labels);
        command.Options.Add(KeepGoing);
        if (crossVendor)
        {
            command.Options.Add(CrossVendor);
        }

        Database.AddTo(command);
    }

    /// <summary>The library with the policies compiled onto the database. Reports problems and returns false.</summary>
    public bool TryOpen(ParseResult parse, CliContext context, out CpuCompatibility compat)
    {
        compat = null!;
        return Database.TryLoad(parse, context, out var db)
            && context.TryGet(CpuCompatibility.Over(db).WithPolicies(parse.GetValue(Policies) ?? []), out compat);
    }

    /// <summary>The fleet at <paramref name="path"/> (<c>-</c>: standard input), read with the library. Reports problems and returns false.</summary>
    public bool TryRead(ParseResult parse, CliContext context, CpuCompatibility compat, string path, out Fleet fleet)
    {
        fleet = null!;
        var total = path != "-" && File.Exists(path) ? new FileInfo(path).Length : 0;
        Outcome<Fleet> read;
        using (var progress = new ByteProgress(context.Err, context.ErrorIsTerminal, $"reading {CliContext.DisplayName(path)}", total))
        {
            var options = new FleetReadOptions { LabelsCsv = parse.GetValue(Labels), Progress = progress };
            read = path == "-" ? compat.ReadFleet(context.InStream(), "<stdin>", options) : compat.ReadFleet(path, options);
        }

        if (!context.TryGet(read, out fleet))
        {
            return false;
        }

        if (fleet.Problems.IsEmpty)
        {
            // An empty file or directory is a mistake (a wrong path, a failed export), not a fleet without pools.
            return fleet.Hosts.Length > 0 || context.Fail($"{CliContext.DisplayName(path)} has no hosts") == 0;
        }

        // With --keep-going every one, one a line: each is a host that would otherwise be missing from its pool without
        // anyone knowing. Without it nothing is written, so the first few say what is wrong and the rest are counted.
        // (Input that is not a fleet at all never gets here: its first line already fails the read.)
        var keepGoing = parse.GetValue(KeepGoing);
        var shown = keepGoing ? fleet.Problems.Length : Math.Min(fleet.Problems.Length, MaxProblemsShown);
        foreach (var problem in fleet.Problems[..shown])
        {
            context.Err.WriteLine($"cpucompat: {(keepGoing ? "left out: " : "")}{context.Printable(problem.ToString())}");
        }

        if (shown < fleet.Problems.Length)
        {
            context.Err.WriteLine($"cpucompat: … and {fleet.Problems.Length - shown} more hosts that cannot be read");
        }

        if (keepGoing)
        {
            return fleet.Hosts.Length > 0 || context.Fail($"no host of {CliContext.DisplayName(path)} can be read") == 0;
        }

        context.Fail($"{(fleet.Problems.Length == 1 ? "1 host" : $"{fleet.Problems.Length} hosts")} of {CliContext.DisplayName(path)} cannot be read; nothing was written (--keep-going leaves them out)");
        return false;
    }

    /// <summary>How many unreadable hosts are named when nothing is written (with --keep-going, all of them are).</summary>
    public const int MaxProblemsShown = 20;

    /// <summary>The fleet of <see cref="Fleet"/>.</summary>
    public bool TryRead(ParseResult parse, CliContext context, CpuCompatibility compat, out Fleet fleet) => TryRead(parse, context, compat, parse.GetValue(Fleet)!, out fleet);
}
