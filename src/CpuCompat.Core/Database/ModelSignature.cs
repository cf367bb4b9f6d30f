using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Database;

/// <summary>
/// A family/model pair a CPU model is made for, optionally restricted to a set of steppings
/// (<see cref="Steppings"/>: bit <c>s</c> set when stepping <c>s</c> matches; null for any stepping).
/// </summary>
public sealed record ModelSignature(uint Family, uint Model, ushort? Steppings)
{
    public bool Matches(uint family, uint model, uint stepping) =>
        family == Family && model == Model && (Steppings is not { } mask || (stepping < 16 && (mask & (1 << (int)stepping)) != 0));

    /// <summary>The lowest stepping of the set, or 0 when any stepping matches (what Translate encodes).</summary>
    public uint LowestStepping => Steppings is { } mask && mask != 0 ? (uint)System.Numerics.BitOperations.TrailingZeroCount(mask) : 0;

    /// <summary>The stepping set as comma-separated ranges (<c>0-4</c>, <c>1,3,5-7</c>), or null for any stepping.</summary>
    public string? SteppingText => Steppings is { } mask ? FormatSteppings(mask) : null;

    public static string FormatSteppings(ushort mask)
    {
        var parts = new List<string>();
        var s = 0;
        while (s < 16)
        {
            if ((mask & (1 << s)) == 0)
            {
                s++;
                continue;
            }

            var end = s;
            while (end + 1 < 16 && (mask & (1 << (end + 1))) != 0)
            {
                end++;
            }

            parts.Add(end == s ? $"{s}" : $"{s}-{end}");
            s = end + 1;
        }

        return string.Join(",", parts);
    }

    public override string ToString() => SteppingText is { } st ? $"{Family}:{Model}[{st}]" : $"{Family}:{Model}";
}
