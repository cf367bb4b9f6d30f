using System.Diagnostics;
using System.Runtime.InteropServices;
using CpuCompat.Core.Features.Kernels;

namespace CpuCompat.Core.Tests.Features.Kernels;

/// <summary>
/// Runs CpuCompat.TierProbe in fresh processes with vector ISAs switched off (the switches are read once, at
/// runtime start-up) and checks which tier each picks and that every kernel agrees with the scalar reference there.
/// </summary>
/// <remarks>
/// The expected tier is the in-process best tier capped by the switch: on an AVX-512 machine where .NET does not
/// accelerate Vector512 (its throttling heuristics), or on Arm64 where the AVX switches mean nothing, the cap is the
/// only thing that can be asserted. <c>DOTNET_EnableAVX512F</c> is not used: .NET 10 ignores it.
/// </remarks>
public sealed class BitKernelsChildProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Default_child_process_picks_the_same_tier_as_this_process()
    {
        Assert.Equal(BitKernels.BestTier, RunProbe(null));
    }

    [Fact]
    public void Child_process_without_AVX512_runs_at_most_Vector256()
    {
        var tier = RunProbe("DOTNET_EnableAVX512");
        Assert.True(tier <= VectorTier.Vector256, $"DOTNET_EnableAVX512=0 gave {tier}.");
        Assert.Equal(Min(BitKernels.BestTier, VectorTier.Vector256), tier);
    }

    [Fact]
    public void Child_process_without_AVX2_runs_at_most_Vector128()
    {
        var tier = RunProbe("DOTNET_EnableAVX2");
        Assert.True(tier <= VectorTier.Vector128, $"DOTNET_EnableAVX2=0 gave {tier}.");
        Assert.Equal(Min(BitKernels.BestTier, VectorTier.Vector128), tier);
    }

    [Fact]
    public void Child_process_without_hardware_intrinsics_runs_scalar()
    {
        Assert.Equal(VectorTier.Scalar, RunProbe("DOTNET_EnableHWIntrinsic"));
    }

    private static VectorTier Min(VectorTier a, VectorTier b) => a < b ? a : b;

    /// <summary>Runs the probe with <paramref name="switchOff"/><c>=0</c> (if given); asserts it printed <c>ok</c> and returns its tier.</summary>
    private VectorTier RunProbe(string? switchOff)
    {
        var probe = typeof(TierProbe.TierProbe).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(probe);
        if (switchOff is not null)
        {
            start.Environment[switchOff] = "0";
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the probe.");
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The probe did not finish within {Timeout}.");
        }

        output.WriteLine($"{start.FileName} {probe} ({(switchOff is null ? "no ISA switch" : switchOff + "=0")}):");
        output.WriteLine(stdout);
        Assert.True(process.ExitCode == 0, $"The probe exited with {process.ExitCode}:\n{stdout}\n{stderr.Result}");

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("ok", lines[^1]);
        var tierLine = Assert.Single(lines, l => l.StartsWith("tier=", StringComparison.Ordinal));
        return Enum.Parse<VectorTier>(tierLine["tier=".Length..]);
    }

    /// <summary>
    /// The <c>dotnet</c> host: the SDK tells child processes where it is (DOTNET_HOST_PATH); a test run launched as
    /// <c>dotnet exec</c> is itself the host; failing both, the host sits three folders above the shared runtime.
    /// </summary>
    private static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), exe, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, exe);
        return File.Exists(candidate) ? candidate : exe;
    }
}
