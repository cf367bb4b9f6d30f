namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// A one-line progress counter of bytes read for long inputs (a fleet of 100,000 hosts), shown only when stderr is
/// a terminal, so pipes, files and tests never see it; erased when done.
/// </summary>
internal sealed class ByteProgress(TextWriter error, bool enabled, string what, long total) : IProgress<long>, IDisposable
{
    /// <summary>Below this the input is read in a blink and the counter would only flicker.</summary>
    public const long Threshold = 16 << 20;

    private readonly bool _shown = enabled && (total == 0 || total >= Threshold);
    private long _lastMiB = -1;
    private bool _drawn;

    public void Report(long value)
    {
        var mib = value >> 20;
        if (!_shown || mib == _lastMiB || (total == 0 && value < Threshold))
        {
            return;
        }

        _lastMiB = mib;
        _drawn = true;
        error.Write(total > 0 ? $"\r{what}: {mib} of {total >> 20} MiB ({value * 100 / total}%)" : $"\r{what}: {mib} MiB");
        error.Flush();
    }

    public void Dispose()
    {
        if (_drawn)
        {
            error.Write("\r\u001b[K");
            error.Flush();
        }
    }
}
