using System.Diagnostics;
using System.Text.Json;

namespace CpuCompat.Benchmarks.Peer;

/// <summary>
/// A long-lived in-process timer for <c>perf/peer/peer.py</c>, which times libvirt's own call in its own process and
/// asks this one for CpuCompat's, turn about, so both sides see the same moments of a busy machine:
///
///     dotnet run -c Release --project perf/CpuCompat.Benchmarks -- peer [--cpu-map DIR]
///
/// Each line on standard input is <c>baseline FILE.json</c> (a JSON array of XML texts); the reply is one JSON line,
/// <c>{"ms": …, "allocated": …, "xml": "…"}</c>: one timed call of <see cref="PeerBaseline.Run"/> on texts already in
/// memory (a file is read once, before its first call, outside the timing). End of input ends it. A bad request is one
/// line on standard error and exit code 2.
/// </summary>
public static class PeerHarness
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? cpuMap = null;
        if (args is ["--cpu-map", var dir])
        {
            cpuMap = dir;
        }
        else if (args.Length > 0)
        {
            error.WriteLine($"peer: unexpected arguments '{string.Join(' ', args)}' (usage: peer [--cpu-map DIR])");
            return 2;
        }

        var line = 0;
        try
        {
            var compat = PeerBaseline.Open(cpuMap);
            var loaded = new Dictionary<string, string[]>(StringComparer.Ordinal);
            while (input.ReadLine() is { } request)
            {
                line++;
                if (request.Split(' ', 2) is not ["baseline", var path])
                {
                    error.WriteLine($"peer: <stdin>:{line}: expected 'baseline FILE.json', got '{request}'");
                    return 2;
                }

                if (!loaded.TryGetValue(path, out var texts))
                {
                    loaded.Add(path, texts = PeerBaseline.ReadTexts(path));
                }

                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var xml = PeerBaseline.Run(compat, texts);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                output.WriteLine(JsonSerializer.Serialize(new { ms = elapsed, allocated, xml }));
                output.Flush();
            }

            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"peer: <stdin>:{line}: {e.Message}");
            return 2;
        }
    }
}
