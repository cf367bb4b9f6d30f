using BenchmarkDotNet.Attributes;
using CpuCompat.Benchmarks.Peer;

namespace CpuCompat.Benchmarks;

/// <summary>
/// Issue 10's target 3, CpuCompat's side: the baseline from the XML texts of 10,000 real Intel hosts, as libvirt's
/// own call takes them (<c>perf/peer/peer.py</c> times that call on the same texts): of 48 kinds, and of hosts that
/// all differ. The texts are in memory before the call; reading them by distinct text is part of what is timed.
/// </summary>
[MemoryDiagnoser]
public class PeerBaselineBenchmarks
{
    private CpuCompatibility _compat = null!;
    private string[] _texts = [];

    [Params("48 kinds", "all differ")]
    public string Hosts { get; set; } = "48 kinds";

    [GlobalSetup]
    public void Setup()
    {
        _compat = PeerBaseline.Open(PeerInputs.CpuMap);
        _texts = PeerBaseline.ReadTexts(PeerInputs.File(Hosts == "48 kinds" ? "hosts-10k.json" : "hosts-10k-distinct.json"));
    }

    [Benchmark]
    public int BaselineOf10000Texts() => PeerBaseline.Run(_compat, _texts).Length;
}
