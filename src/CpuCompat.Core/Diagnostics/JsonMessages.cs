namespace CpuCompat.Core.Diagnostics;

/// <summary>
/// The runtime's JSON error messages, made fit for a one-line diagnostic that already names the file and line: its
/// own 0-based "LineNumber: 0 | BytePositionInLine: 1." and "Path: $" tails are dropped (they contradict the 1-based
/// position given in front) and what it quotes from the input is escaped.
/// </summary>
public static class JsonMessages
{
    public static string Clean(string message)
    {
        foreach (var tail in (ReadOnlySpan<string>)[" LineNumber:", " Path:", " | LineNumber:"])
        {
            var at = message.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        message = message.TrimEnd();
        return Printable.Escape(message.Length > 160 ? message[..157] + "..." : message);
    }
}
