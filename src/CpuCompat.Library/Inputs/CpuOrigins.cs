using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats;

namespace CpuCompat.Inputs;

/// <summary>
/// Where the CPUs of an operation came from, so that an error the engine finds in one of them (an unknown feature of
/// the third host, a vendor that differs from the others) says which file, and which line, it is in. The engine knows
/// only the index of the CPU (<see cref="Core.CpuError.InputIndex"/>); <see cref="Core.Outcome{T}.NamingInputs"/> maps it to these names.
/// </summary>
public static class CpuOrigins
{
    /// <summary>How an error names a CPU: <c>file:line</c> of its element, or the file when there is no line.</summary>
    public static string Of(string name, int line) => line > 0 ? $"{name}:{line}" : name;

    /// <summary>The origin of each CPU of a parsed input: its element's line, or just the input's name (raw data).</summary>
    public static IEnumerable<string> Of(CpuInput input, string name) => input.Cpus.Length == input.CpuSpans.Length
        ? input.CpuSpans.Select(span => Of(name, span.Line))
        : input.Cpus.Select(_ => name);
}

/// <summary>The CPUs of an input and where each came from (<see cref="CpuOrigins"/>), for an answer that names the one at fault.</summary>
public sealed record NamedCpus(ImmutableArray<CpuDefinition> Cpus, ImmutableArray<string> Origins);
