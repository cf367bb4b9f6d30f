namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// A one-line progress counter on stderr for long work (hundreds of input files), shown only when stderr is a
/// terminal, so pipes, files and tests never see it. The line is erased when the work is done.
/// </summary>
internal sealed class Progress(TextWriter error, bool enabled, string what, int total) : IProgress<int>, IDisposable
{
    /// <summary>Below this many items the work is quick and the counter would only flicker.</summary>
    public const int Threshold = 200;

    private readonly bool _shown = enabled && total >= Threshold;
    private int _last = -1;

    public void Report(int done)
    {
        // Redraw at most 100 times, not once per item.
        var percent = total == 0 ? 100 : done * 100 / total;
        if (!_shown || percent == _last)
        {
            return;
        }

        _last = percent;
        error.Write($"\r{what} {done}/{total} ({percent}%)");
        error.Flush();
    }

    public void Dispose()
    {
        if (_shown)
        {
            error.Write("\r\u001b[K");
            error.Flush();
        }
    }
}
