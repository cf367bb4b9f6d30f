using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CpuCompat.Benchmarks.Peer;

// `peer` is the in-process timer perf/peer/peer.py drives; anything else goes to BenchmarkDotNet.
if (args is ["peer", .. var rest])
{
    return PeerHarness.Run(rest, Console.In, Console.Out, Console.Error);
}

// A Debug build runs too, for CI's dry run (`--job Dry`) on the build `dotnet test` already made: it checks that every
// benchmark sets up and runs, not how fast; BenchmarkDotNet marks such figures as taken from non-optimized code.
var config = DefaultConfig.Instance;
#if DEBUG
config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
#endif

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

// A benchmark that throws, or a run that fails validation, gives a non-zero exit so that the dry run fails CI.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
