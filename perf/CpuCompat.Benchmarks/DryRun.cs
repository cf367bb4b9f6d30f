namespace CpuCompat.Benchmarks;

/// <summary>
/// CI's dry run (<c>CPUCOMPAT_BENCH_DRY=1</c> with <c>--job Dry</c>) checks that every benchmark sets up and runs, in
/// well under a minute: the benchmarks whose inputs take long to make then run at their smallest size only.
/// </summary>
internal static class DryRun
{
    public static bool Requested => Environment.GetEnvironmentVariable("CPUCOMPAT_BENCH_DRY") == "1";
}
