using BenchmarkDotNet.Running;
using CpuCompat.Benchmarks.Peer;

// `peer` is the in-process timer perf/peer/peer.py drives; anything else goes to BenchmarkDotNet.
if (args is ["peer", .. var rest])
{
    return PeerHarness.Run(rest, Console.In, Console.Out, Console.Error);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
