using System.Text;
using CpuCompat.Pools;

namespace CpuCompat.Output.Text;

/// <summary><c>cpucompat pool what-if</c> for people: per pool the baseline before and after, what guests gain and lose, and the guests that break.</summary>
public static class WhatIfText
{
    public static string Format(WhatIfResult result)
    {
        var text = new StringBuilder($"what if: {result.Change}\n");
        text.Append($"fleet: {PoolBaselineText.Count(result.Before.Hosts.Length, "host")} of {PoolBaselineText.Count(result.Before.Kinds.Length, "kind")} before, "
            + $"{PoolBaselineText.Count(result.After.Hosts.Length, "host")} of {PoolBaselineText.Count(result.After.Kinds.Length, "kind")} after\n");
        foreach (var k in result.Kinds.Where(k => k.Before != k.After))
        {
            text.Append($"  {PoolBaselineText.Count(k.Hosts, "host")} of {k.Label}: host CPU {k.Before} becomes {k.After}\n");
        }

        foreach (var pool in result.Pools)
        {
            text.Append($"\npool {pool.Name}: {Side(pool.Before)} -> {Side(pool.After)}\n");
            if (!pool.Gained.IsEmpty)
            {
                text.Append($"  guests gain: {TextWrap.Join(pool.Gained, 15)}\n");
            }

            if (!pool.Lost.IsEmpty)
            {
                text.Append($"  guests lose: {TextWrap.Join(pool.Lost, 15)}\n");
            }

            if (pool.Gained.IsEmpty && pool.Lost.IsEmpty && pool.Before is not null && pool.After is not null)
            {
                text.Append("  guests see the same CPU\n");
            }

            foreach (var b in pool.Breaks)
            {
                text.Append($"  guest {b.Guest} stops running: {GuestFit.Message(b.Misfit)}\n");
            }
        }

        foreach (var error in result.GuestErrors)
        {
            text.Append($"guest not checked: {error}\n");
        }

        return text.ToString();
    }

    private static string Side(PoolBaseline? pool) => pool switch
    {
        null => "(no such pool)",
        { Cpu.Succeeded: false } => $"{PoolBaselineText.Count(pool.Pool.Members.Length, "host")}, no baseline ({pool.Cpu.Error!.Message})",
        _ => $"{PoolBaselineText.Count(pool.Pool.Members.Length, "host")}, {pool.Cpu.Value.Model}{(pool.Level is { } l ? $" ({l.Name})" : "")}",
    };
}
