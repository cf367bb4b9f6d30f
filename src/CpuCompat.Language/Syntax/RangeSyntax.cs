using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Syntax;

/// <summary><c>5</c> or <c>0-4</c> in a bit list or a stepping set, each end with its own span.</summary>
internal readonly record struct RangeSyntax(uint From, SourceSpan FromSpan, uint? To, SourceSpan ToSpan);

/// <summary>What a list of ranges selects, which bounds its values.</summary>
internal enum RangeKind
{
    /// <summary>CPUID register bits 0-31.</summary>
    RegisterBits,

    /// <summary>MSR bits 0-31 of the eax or edx half; the message points out that bits 32-63 are edx.</summary>
    MsrBits,

    /// <summary>CPU steppings 0-15.</summary>
    Steppings,
}

internal static class RangeMask
{
    /// <summary>The bit mask the ranges select, or null (after reporting each bad value) when one is out of bounds or reversed.</summary>
    public static uint? Build(IEnumerable<RangeSyntax> ranges, RangeKind kind, DiagnosticBag diagnostics)
    {
        var max = kind == RangeKind.Steppings ? 15u : 31u;
        var mask = 0u;
        var ok = true;
        foreach (var range in ranges)
        {
            var to = range.To ?? range.From;
            ok &= Check(range.From, range.FromSpan, max, kind, diagnostics);
            if (range.To is { } end)
            {
                ok &= Check(end, range.ToSpan, max, kind, diagnostics);
                if (range.From > end)
                {
                    diagnostics.Add(SyntaxDiagnostics.Reversed(range.FromSpan, range.From, end));
                    ok = false;
                }
            }

            for (var bit = range.From; ok && bit <= to; bit++)
            {
                mask |= 1u << (int)bit;
            }
        }

        return ok ? mask : null;
    }

    private static bool Check(uint value, SourceSpan span, uint max, RangeKind kind, DiagnosticBag diagnostics)
    {
        if (value <= max)
        {
            return true;
        }

        diagnostics.Add(kind == RangeKind.Steppings
            ? SyntaxDiagnostics.Stepping(span, value)
            : SyntaxDiagnostics.Bit(span, value, kind == RangeKind.MsrBits));
        return false;
    }
}
