using System.Diagnostics;

namespace CpuCompat.Benchmarks.Peer;

/// <summary>
/// Where the benchmarks find the peer script's inputs (10,000 real Intel hosts of 48 kinds, and 10,000 that all
/// differ): <c>CPUCOMPAT_PEER_INPUTS</c>, else <c>artifacts/peer-inputs</c>, made there on first use by
/// <c>perf/fleets/make-fleets.py</c> from libvirt 9.0.0's cputestdata in the shared reference folder
/// (<c>CPUCOMPAT_SHARED</c>, or <c>shared</c> beside the repository). The database is the installed libvirt's
/// cpu_map when there is one (the libvirt the peer script compares with), else the built-in database.
/// </summary>
public static class PeerInputs
{
    public const string InputsVariable = "CPUCOMPAT_PEER_INPUTS";
    public const string InstalledCpuMap = "/usr/share/libvirt/cpu_map";

    public static string? CpuMap => Directory.Exists(InstalledCpuMap) ? InstalledCpuMap : null;

    /// <summary>The path of one input file (<c>hosts-10k.json</c>, <c>hosts-10k-distinct.json</c>), made when missing.</summary>
    public static string File(string name)
    {
        var root = EngineBenchmarks.RepoRoot();
        var dir = Environment.GetEnvironmentVariable(InputsVariable) is { Length: > 0 } set ? set : Path.Combine(root, "artifacts", "peer-inputs");
        var path = Path.Combine(dir, name);
        if (!System.IO.File.Exists(path))
        {
            Make(root, dir);
        }

        return path;
    }

    private static void Make(string root, string dir)
    {
        var shared = Environment.GetEnvironmentVariable("CPUCOMPAT_SHARED") is { Length: > 0 } set ? set : Path.Combine(Path.GetDirectoryName(root)!, "shared");
        var cpus = Path.Combine(shared, "libvirt", "9.0.0", "cputestdata");
        if (!Directory.Exists(cpus))
        {
            throw new InvalidOperationException($"no peer inputs in {dir} and no {cpus} to make them from: set {InputsVariable} or CPUCOMPAT_SHARED");
        }

        using var make = Process.Start(new ProcessStartInfo("python3", [Path.Combine(root, "perf", "fleets", "make-fleets.py"), cpus, dir, "--kinds", "48"]))!;
        make.WaitForExit();
        if (make.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-fleets.py failed (exit {make.ExitCode}) making {dir}");
        }
    }
}
